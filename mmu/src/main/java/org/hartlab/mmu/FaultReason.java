package org.hartlab.mmu;

/**
 * Why a translation faulted, in the words of the privileged spec's "Virtual Address Translation Process". The
 * exception code depends only on {@link #accessFault()} and the access type; the reason exists for traces, tools and
 * for deciding what the TLB may remember.
 */
public enum FaultReason {
    /** Bits 63:39 are not all equal to bit 38. Checked before any walk. */
    NON_CANONICAL_ADDRESS(false, false, "virtual address is not canonical (bits 63:39 differ from bit 38)"),
    /** Step 2: the PTE lies outside RAM, so reading it fails the PMA check. */
    PTE_NOT_IN_RAM(true, false, "PTE address is not in RAM"),
    /** Step 2: physical memory protection denies reading the PTE (checked as an S-mode load). */
    PTE_READ_DENIED(true, false, "PMP denies reading the PTE"),
    /** Step 3: pte.v = 0. */
    NOT_VALID(false, true, "PTE has V=0"),
    /** Step 3: pte.r = 0 and pte.w = 1, a reserved encoding. */
    WRITE_WITHOUT_READ(false, true, "PTE has W=1 without R (reserved encoding)"),
    /** Step 3: bits 60:54 are reserved for future standard use. */
    RESERVED_BITS(false, true, "PTE has reserved bits 60:54 set"),
    /** Step 3: PBMT is nonzero but Svpbmt is not implemented. */
    PBMT_WITHOUT_SVPBMT(false, true, "PTE has PBMT set but Svpbmt is not implemented"),
    /** Step 3: N is set but Svnapot is not implemented. */
    NAPOT_WITHOUT_SVNAPOT(false, true, "PTE has N set but Svnapot is not implemented"),
    /** Step 3: a pointer PTE has D, A or U set, which are reserved in non-leaf PTEs. */
    POINTER_RESERVED_BITS(false, true, "non-leaf PTE has D, A or U set (reserved in non-leaf PTEs)"),
    /** Step 4: i &lt; 0, a pointer found in a level-0 table. */
    POINTER_AT_LEVEL_0(false, true, "level-0 PTE is a pointer (no further level)"),
    /** Step 5: a fetch from a page without X. */
    NOT_EXECUTABLE(false, false, "page is not executable"),
    /** Step 5: a load from a page without R, and without X or MXR. */
    NOT_READABLE(false, false, "page is not readable (and not X with MXR)"),
    /** Step 5: a store to a page without W. */
    NOT_WRITABLE(false, false, "page is not writable"),
    /** Step 5: a U-mode access to a page without U. */
    SUPERVISOR_PAGE(false, false, "U-mode access to a supervisor page"),
    /** Step 5: an S-mode load or store to a U page while SUM = 0. */
    USER_PAGE_WITHOUT_SUM(false, false, "S-mode access to a user page with SUM=0"),
    /** Step 5: an S-mode fetch from a U page, which SUM never permits. */
    USER_PAGE_FETCH(false, false, "S-mode fetch from a user page"),
    /** Step 6: i &gt; 0 and pte.ppn[i-1:0] != 0. */
    MISALIGNED_SUPERPAGE(false, true, "superpage PPN is not aligned to its size"),
    /** Step 7 under Svade: pte.a = 0. */
    ACCESSED_CLEAR(false, false, "PTE has A=0 (Svade)"),
    /** Step 7 under Svade: a store and pte.d = 0. */
    DIRTY_CLEAR(false, false, "store to a PTE with D=0 (Svade)"),
    /** Step 7 under Svadu: physical memory protection denies writing A/D into the PTE (an S-mode store). */
    PTE_UPDATE_DENIED(true, false, "PMP denies updating A/D in the PTE (Svadu)");

    private final boolean accessFault;
    private final boolean invalidTranslation;
    private final String description;

    FaultReason(boolean accessFault, boolean invalidTranslation, String description) {
        this.accessFault = accessFault;
        this.invalidTranslation = invalidTranslation;
        this.description = description;
    }

    /** Returns whether this is an access fault (cause 1/5/7) rather than a page fault (12/13/15). */
    public boolean accessFault() {
        return accessFault;
    }

    /**
     * Returns whether the page table holds no usable translation for the address whatever the access: the fault
     * depends only on memory, not on the access type, privilege, SUM, MXR or A/D policy. Only such faults may be
     * cached as invalid translations (and a misaligned superpage qualifies: step 5 or step 6 faults it either way).
     */
    public boolean invalidTranslation() {
        return invalidTranslation;
    }

    /** Returns the exception code this fault raises for an access of {@code type}. */
    public int cause(AccessType type) {
        return accessFault ? type.accessFaultCause() : type.pageFaultCause();
    }

    /** Returns a short human-readable explanation. */
    public String description() {
        return description;
    }
}
