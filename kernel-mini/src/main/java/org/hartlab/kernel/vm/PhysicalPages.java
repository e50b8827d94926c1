package org.hartlab.kernel.vm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.hartlab.core.bus.Bus;

/**
 * The free list of guest physical pages above the kernel's reserved area. Allocation order is
 * deterministic (lowest address first at boot, then last freed first), so a seeded run places pages the same
 * way every time. New pages are zeroed: a process never sees another's data, nor runs its decoded code.
 */
public final class PhysicalPages {
    public static final int PAGE_SIZE = 4096;

    private final Bus bus;
    private final long first;
    private final long end;
    /** Every page frame managed, in address order, free or not. */
    private final List<VmPage> frames = new ArrayList<>();
    // guarded by this
    private final Deque<VmPage> free = new ArrayDeque<>();
    private long allocated;

    /** Manages {@code [first, end)} of RAM; both page aligned. */
    public PhysicalPages(Bus bus, long first, long end) {
        this.bus = bus;
        this.first = first;
        this.end = end;
        for (long pa = first; pa + PAGE_SIZE <= end; pa += PAGE_SIZE) {
            VmPage page = new VmPage(pa);
            frames.add(page);
            free.addLast(page);
        }
    }

    /** Returns a zeroed page with one reference, or null when RAM is exhausted (the caller reports ENOMEM). */
    public synchronized VmPage allocate() {
        VmPage page = free.pollFirst();
        if (page == null) {
            return null;
        }
        bus.zero(page.physicalAddress(), PAGE_SIZE); // through the bus: drops code decoded in the frame's last use
        page.reference();
        allocated++;
        return page;
    }

    /** Adds a reference to a page another holder already has (copy-on-write sharing). */
    public synchronized void reference(VmPage page) {
        page.reference();
    }

    /** Drops one reference; the page is free again when none remain. */
    public synchronized void release(VmPage page) {
        if (page.release() == 0) {
            free.addFirst(page);
            allocated--;
        }
    }

    public synchronized int references(VmPage page) {
        return page.references();
    }

    public synchronized long allocatedPages() {
        return allocated;
    }

    public synchronized long freePages() {
        return free.size();
    }

    /** The frame holding physical address {@code pa}, or null when this allocator does not manage it. */
    VmPage frame(long pa) {
        if (pa < first || pa >= end || pa + PAGE_SIZE > end) {
            return null;
        }
        int index = (int) ((pa - first) / PAGE_SIZE);
        return index < frames.size() ? frames.get(index) : null;
    }

    /** Every frame, free or not, in address order. */
    List<VmPage> frames() {
        return frames;
    }

    /** A copy of the free list, in allocation order. */
    synchronized List<VmPage> freeList() {
        return new ArrayList<>(free);
    }

    /** How many frames are counted as allocated. */
    synchronized long allocatedCount() {
        return allocated;
    }
}
