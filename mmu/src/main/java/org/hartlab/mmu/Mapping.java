package org.hartlab.mmu;

/**
 * One valid leaf of a page table, as {@link PageTableInspector#mappings} lists it.
 *
 * @param virtualAddress  the first virtual address mapped (sign-extended, so upper-half addresses are negative)
 * @param physicalAddress the first physical address it maps to
 * @param pageSize        4 KiB page, 2 MiB megapage or 1 GiB gigapage
 * @param pte             the raw leaf PTE
 * @param global          whether the mapping is global: G in the leaf or in a pointer above it
 */
public record Mapping(long virtualAddress, long physicalAddress, PageSize pageSize, long pte, boolean global) {

    /** Returns the first virtual address past the mapping. */
    public long endVirtualAddress() {
        return virtualAddress + pageSize.bytes();
    }

    public boolean readable() {
        return Pte.readable(pte);
    }

    public boolean writable() {
        return Pte.writable(pte);
    }

    public boolean executable() {
        return Pte.executable(pte);
    }

    public boolean user() {
        return Pte.user(pte);
    }

    public boolean accessed() {
        return Pte.accessed(pte);
    }

    public boolean dirty() {
        return Pte.dirty(pte);
    }

    @Override
    public String toString() {
        return "0x%x-0x%x -> 0x%x %s %s%s".formatted(virtualAddress, endVirtualAddress(), physicalAddress, pageSize,
                Pte.describeFlags(pte), global && !Pte.global(pte) ? " (G inherited)" : "");
    }
}
