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
    /** MAP_SHARED: the object every sharer's entry maps (fork shares it instead of copying on write); else null. */
    private final VmObject object;
    // guarded by the kernel lock: the pages this entry maps, each holding one reference for it
    private final Map<Long, VmPage> pages = new HashMap<>();

    VmMapEntry(long start, long end, int prot, String name, VmObject object) {
        this.start = start;
        this.end = end;
        this.prot = prot;
        this.name = name;
        this.object = object;
    }

    public boolean shared() {
        return object != null;
    }

    VmObject object() {
        return object;
    }

    /** A new entry for {@code [from, to)} with this one's name and sharing, and protection {@code newProt}. */
    VmMapEntry piece(long from, long to, int newProt) {
        if (object != null) {
            object.reference();
        }
        return new VmMapEntry(from, to, newProt, name, object);
    }

    /** This entry is gone from its map: its share of the object ends (its pages the caller has released). */
    void dropObject(PhysicalPages physical) {
        if (object != null) {
            object.deallocate(physical);
        }
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
