package org.hartlab.mmu;

/**
 * A snapshot of one TLB entry, for inspection tools and tests. The flags are the PTE bits 7:0 as they were when the
 * entry was filled, which may differ from the PTE in memory now; G is the effective global bit (set in the leaf or in
 * a pointer above it).
 *
 * @param tlb             the array holding the entry
 * @param virtualAddress  the first virtual address the entry covers (sign-extended)
 * @param physicalAddress the first physical address it maps to, or -1 for a cached invalid translation
 * @param pageSize        the size of the region covered: one entry covers a whole superpage
 * @param asid            the ASID current when the entry was filled (global entries match every ASID)
 * @param flags           PTE bits 7:0 (V, R, W, X, U, G, A, D); V = 0 marks a cached invalid translation
 */
public record TlbEntryView(TlbKind tlb, long virtualAddress, long physicalAddress, PageSize pageSize, int asid,
        int flags) {

    /** Returns whether this entry remembers that the address has no valid translation. */
    public boolean invalid() {
        return (flags & Pte.V) == 0;
    }

    public boolean readable() {
        return Pte.readable(flags);
    }

    public boolean writable() {
        return Pte.writable(flags);
    }

    public boolean executable() {
        return Pte.executable(flags);
    }

    public boolean user() {
        return Pte.user(flags);
    }

    public boolean global() {
        return Pte.global(flags);
    }

    public boolean accessed() {
        return Pte.accessed(flags);
    }

    public boolean dirty() {
        return Pte.dirty(flags);
    }

    @Override
    public String toString() {
        String target = invalid() ? "invalid" : "0x%x".formatted(physicalAddress);
        return "%s 0x%x -> %s %s asid=%d %s".formatted(tlb, virtualAddress, target, pageSize, asid,
                Pte.describeFlags(flags));
    }
}
