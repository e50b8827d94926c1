package org.hartlab.kernel.vm;

import java.util.List;
import org.hartlab.core.hart.Hart;

/**
 * The machine-dependent half of the VM system, FreeBSD's pmap: one address space's hardware page table.
 * Machine-independent code (maps, objects, faults) calls only this and never reads PTE bits.
 */
public interface Pmap {
    /** Maps user page {@code va} to {@code pa} with {@code prot}; replaces any previous mapping. */
    void enter(long va, long pa, int prot);

    /** Removes the mapping of page {@code va}, if any. */
    void remove(long va);

    /** Removes write permission from the mapping of page {@code va}, if any. */
    void removeWrite(long va);

    /** Returns the physical address {@code va} maps to, or -1 when unmapped. */
    long extract(long va);

    /** Returns the protection {@code va} is mapped with, or 0 when unmapped. */
    int protection(long va);

    /** Makes this address space current on {@code hart} (writes satp). */
    void activate(Hart hart);

    /**
     * {@code hart} stops running this address space: it flushes the ASID from its own TLB and leaves the active
     * set, so later shootdowns need not interrupt it.
     */
    void deactivate(Hart hart);

    /** The harts that have had this address space active, and so may hold TLB entries for it (a bit each). */
    long activeHarts();

    /** The ASID tagging this address space's TLB entries. */
    int asid();

    /** The satp value that selects this address space. */
    long satp();

    /** What {@link #forEachMapping} reports. */
    interface MappingVisitor {
        /** User page {@code va} maps physical page {@code pa} with {@code prot}. */
        void mapping(long va, long pa, int prot);

        /** The table entry for the range at {@code va} points at {@code pa}, which is none of this pmap's tables. */
        void strayTable(long va, long pa);
    }

    /** Walks the page table as the hardware would, reporting every valid mapping (for the invariant checker). */
    void forEachMapping(MappingVisitor visitor);

    /** The pages holding this page table; each holds one reference. */
    List<VmPage> tablePages();

    /** Frees the page-table pages; the pmap must not be active anywhere. */
    void destroy();
}
