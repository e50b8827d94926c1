package org.hartlab.kernel.vm;

import java.util.HashMap;
import java.util.Map;

/**
 * One contiguous range of an address space with one protection, backed by anonymous memory: the pages
 * faulted in so far, by virtual page number. Pages not present read as zero when first touched.
 */
public final class VmMapEntry {
    private final long start;
    private long end;
    private final int prot;
    private final String name;
    /** MAP_SHARED: fork shares the pages instead of copying them on write. */
    private final boolean shared;
    // guarded by the owning VmMap
    private final Map<Long, VmPage> pages = new HashMap<>();

    VmMapEntry(long start, long end, int prot, String name, boolean shared) {
        this.start = start;
        this.end = end;
        this.prot = prot;
        this.name = name;
        this.shared = shared;
    }

    public boolean shared() {
        return shared;
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    void setEnd(long end) {
        this.end = end;
    }

    public int prot() {
        return prot;
    }

    public String name() {
        return name;
    }

    public boolean contains(long va) {
        return va >= start && va < end;
    }

    VmPage page(long va) {
        return pages.get(va >>> 12);
    }

    void putPage(long va, VmPage page) {
        pages.put(va >>> 12, page);
    }

    VmPage removePage(long va) {
        return pages.remove(va >>> 12);
    }

    int residentPages() {
        return pages.size();
    }

    Map<Long, VmPage> pages() {
        return pages;
    }
}
