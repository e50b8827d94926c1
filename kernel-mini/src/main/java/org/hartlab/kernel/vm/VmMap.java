package org.hartlab.kernel.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.hartlab.core.hart.Hart;

/**
 * An address space: non-overlapping {@link VmMapEntry}s over one {@link Pmap}. Machine-independent: it asks the
 * pmap to enter and remove mappings and never looks at PTEs.
 */
public final class VmMap {
    /** User addresses are the lower half of Sv39: [0, 2^38). */
    public static final long USER_END = 1L << 38;
    public static final long PAGE = PhysicalPages.PAGE_SIZE;

    private final Pmap pmap;
    private final VmSystem vm;
    private final PhysicalPages pages;
    // guarded by the kernel lock
    private final TreeMap<Long, VmMapEntry> entries = new TreeMap<>();
    /**
     * FreeBSD's map timestamp: bumped by every change to the entries, their protection or their pages' sharing
     * (insert, unmap, resize, mprotect, fork, destroy). A fault that dropped the kernel lock compares it with the
     * value it saw at lookup and starts over if it moved: what it looked up may no longer be true.
     */
    private long generation;
    /** Whether more than one thread runs in this address space; the owning process tells. */
    private BooleanSupplier multiThreaded = () -> false;

    public VmMap(Pmap pmap, VmSystem vm) {
        this.pmap = pmap;
        this.vm = vm;
        this.pages = vm.pages();
    }

    public void setMultiThreaded(BooleanSupplier multiThreaded) {
        this.multiThreaded = multiThreaded;
    }

    public boolean multiThreaded() {
        return multiThreaded.getAsBoolean();
    }

    /** The current {@link #generation}; equal values mean no change to the map in between. */
    long generation() {
        return generation;
    }

    public Pmap pmap() {
        return pmap;
    }

    PhysicalPages physicalPages() {
        return pages;
    }

    public VmSystem vm() {
        return vm;
    }

    public static long pageDown(long va) {
        return va & ~(PAGE - 1);
    }

    public static long pageUp(long va) {
        return (va + PAGE - 1) & ~(PAGE - 1);
    }

    /** Returns the entry covering {@code va}, or null. */
    public VmMapEntry lookup(long va) {
        Map.Entry<Long, VmMapEntry> e = entries.floorEntry(va);
        return e != null && e.getValue().contains(va) ? e.getValue() : null;
    }

    /** True when no entry intersects {@code [start, end)}. */
    public boolean isFree(long start, long end) {
        if (start < 0 || end > USER_END || start >= end) {
            return false;
        }
        Map.Entry<Long, VmMapEntry> below = entries.lowerEntry(end);
        return below == null || below.getValue().end() <= start;
    }

    /** Adds a private entry for the page-aligned range {@code [start, end)}; it must be free. */
    public VmMapEntry insert(long start, long end, int prot, String name) {
        return insert(start, end, prot, name, false);
    }

    /** Adds an entry, shared across fork when {@code shared} (MAP_SHARED); the range must be free. */
    public VmMapEntry insert(long start, long end, int prot, String name, boolean shared) {
        if (!isFree(start, end)) {
            throw new IllegalArgumentException("vm_map: [0x%x, 0x%x) overlaps an entry".formatted(start, end));
        }
        VmMapEntry entry = new VmMapEntry(start, end, prot, name, shared ? new VmObject() : null);
        entries.put(start, entry);
        generation++;
        return entry;
    }

    /** Finds the highest free page-aligned range of {@code length} bytes below {@code below}; -1 if none. */
    public long findSpace(long length, long below) {
        long end = pageDown(below);
        for (VmMapEntry e : entries.descendingMap().values()) {
            if (e.start() >= end) {
                continue;
            }
            if (e.end() <= end - length) {
                return end - length;
            }
            end = e.start();
        }
        return end - length >= PAGE ? end - length : -1;
    }

    /**
     * Unmaps {@code [start, end)} (page aligned) on behalf of {@code hart}: removes the PTEs, shoots the address
     * space down on every hart that may cache it, then frees the pages. Entries straddling the range are cut.
     */
    public void remove(long start, long end, Hart hart) {
        generation++;
        List<VmPage> freed = new ArrayList<>();
        Long from0 = entries.floorKey(start);
        List<VmMapEntry> touched = new ArrayList<>(entries.subMap(from0 == null ? start : from0, true, end, false)
                .values());
        for (VmMapEntry e : touched) {
            if (e.end() <= start || e.start() >= end) {
                continue;
            }
            long from = Math.max(start, e.start());
            long to = Math.min(end, e.end());
            unmapPages(e, from, to, freed);
            cut(e, from, to);
        }
        releaseAfterShootdown(freed, hart);
    }

    private void unmapPages(VmMapEntry e, long from, long to, List<VmPage> freed) {
        for (long va = from; va < to; va += PAGE) {
            VmPage page = e.removePage(va);
            if (page != null) {
                pmap.remove(va);
                freed.add(page);
            }
        }
    }

    /** Pages leave only after no hart can reach them through a stale TLB entry. */
    private void releaseAfterShootdown(List<VmPage> freed, Hart hart) {
        if (!freed.isEmpty()) {
            vm.shootdown().invalidate(hart, pmap.activeHarts(), -1, pmap.asid());
            freed.forEach(pages::release);
        }
    }

    /**
     * fork: a copy of this address space over {@code childPmap}. Every resident page is shared (one more
     * reference) and mapped read-only in both; writable pages become copy-on-write, so the parent's own mappings
     * are write-protected and shot down before the child can run. When RAM runs out for the child's page tables
     * the half-built child is freed and {@link OutOfMemoryException} thrown: the parent loses nothing.
     */
    public VmMap fork(Pmap childPmap, Hart hart) {
        generation++; // our pages become shared: a fault that was about to map one writable must look again
        VmMap child = new VmMap(childPmap, vm);
        try {
            if (share(child)) {
                vm.shootdown().invalidate(hart, pmap.activeHarts(), -1, pmap.asid());
            }
        } catch (OutOfMemoryException e) {
            child.destroy(hart);
            // Some of our pages may have lost write access already: no TLB may keep what the PTE no longer grants.
            vm.shootdown().invalidate(hart, pmap.activeHarts(), -1, pmap.asid());
            throw e;
        }
        return child;
    }

    /** fork's loop: shares every resident page with {@code child}; true if some of ours lost write access. */
    private boolean share(VmMap child) {
        Pmap childPmap = child.pmap;
        boolean protectedAny = false;
        for (VmMapEntry e : entries.values()) {
            VmMapEntry copy = e.piece(e.start(), e.end(), e.prot());
            child.entries.put(copy.start(), copy);
            for (var resident : e.pages().entrySet()) {
                long va = resident.getKey() << 12;
                VmPage page = resident.getValue();
                pages.reference(page);
                copy.putPage(va, page);
                childPmap.enter(va, page.physicalAddress(), e.shared() ? e.prot() : e.prot() & ~Prot.WRITE);
                if (!e.shared() && Prot.allows(e.prot(), Prot.WRITE)) {
                    pmap.removeWrite(va);
                    protectedAny = true;
                }
            }
        }
        return protectedAny;
    }

    private void cut(VmMapEntry e, long from, long to) {
        entries.remove(e.start());
        if (e.start() < from) {
            VmMapEntry low = e.piece(e.start(), from, e.prot());
            moveResident(e, low);
            entries.put(low.start(), low);
        }
        if (to < e.end()) {
            VmMapEntry high = e.piece(to, e.end(), e.prot());
            moveResident(e, high);
            entries.put(high.start(), high);
        }
        e.dropObject(pages);
    }

    private static void moveResident(VmMapEntry from, VmMapEntry to) {
        from.pages().forEach((vpn, page) -> {
            if (to.contains(vpn << 12)) {
                to.putPage(vpn << 12, page);
            }
        });
    }

    /**
     * mprotect: gives {@code [start, end)} protection {@code prot}, cutting entries at the edges. Rights taken
     * away are taken from the PTEs and shot down before this returns; rights added are granted lazily by faults.
     *
     * @return false if part of the range is not mapped (nothing changes then)
     */
    public boolean protect(long start, long end, int prot, Hart hart) {
        for (long va = start; va < end; va = lookup(va).end()) {
            if (lookup(va) == null) {
                return false;
            }
        }
        generation++;
        boolean narrowed = false;
        Long first = entries.floorKey(start);
        for (VmMapEntry e : new ArrayList<>(entries.subMap(first == null ? start : first, true, end, false).values())) {
            if (e.end() <= start) {
                continue;
            }
            long from = Math.max(start, e.start());
            long to = Math.min(end, e.end());
            VmMapEntry middle = e.piece(from, to, prot);
            moveResident(e, middle);
            cut(e, from, to);
            entries.put(from, middle);
            for (var resident : middle.pages().entrySet()) {
                long va = resident.getKey() << 12;
                int mapped = pmap.protection(va);
                if ((mapped & ~prot) != 0) {
                    narrowed = true;
                    if (Prot.allows(prot, Prot.READ)) {
                        pmap.removeWrite(va);
                    } else {
                        pmap.remove(va);
                    }
                }
            }
        }
        if (narrowed) {
            vm.shootdown().invalidate(hart, pmap.activeHarts(), -1, pmap.asid());
        }
        return true;
    }

    /** Grows or shrinks {@code entry} (the heap) to end at {@code newEnd}. */
    public boolean resize(VmMapEntry entry, long newEnd, Hart hart) {
        generation++;
        if (newEnd > entry.end()) {
            if (!isFree(entry.end(), newEnd)) {
                return false;
            }
            entry.setEnd(newEnd);
            return true;
        }
        if (newEnd < entry.end()) {
            List<VmPage> freed = new ArrayList<>();
            unmapPages(entry, newEnd, entry.end(), freed);
            entry.setEnd(newEnd);
            releaseAfterShootdown(freed, hart);
        }
        return true;
    }

    /**
     * Frees every page and the page tables: the address space is gone (exit). First every hart that ran it
     * forgets its ASID, so no TLB entry is left pointing at a freed page.
     */
    public void destroy(Hart hart) {
        generation++;
        vm.shootdown().invalidate(hart, pmap.activeHarts(), -1, pmap.asid());
        for (VmMapEntry e : entries.values()) {
            e.pages().values().forEach(pages::release);
            e.pages().clear();
            e.dropObject(pages);
        }
        entries.clear();
        pmap.destroy();
    }

    /** Every resident page by virtual address, for the invariant checker. */
    Map<Long, VmPage> residentByAddress() {
        Map<Long, VmPage> resident = new TreeMap<>();
        for (VmMapEntry e : entries.values()) {
            e.pages().forEach((vpn, page) -> resident.put(vpn << 12, page));
        }
        return resident;
    }

    public List<VmMapEntry> entries() {
        return List.copyOf(entries.values());
    }

    public long residentPages() {
        return entries.values().stream().mapToLong(VmMapEntry::residentPages).sum();
    }
}
