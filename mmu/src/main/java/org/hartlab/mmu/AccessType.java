package org.hartlab.mmu;

/**
 * The kind of memory access being translated. Each kind raises its own exception codes (privileged spec, Table
 * "Supervisor cause register (scause) values after trap").
 */
public enum AccessType {
    /** Instruction fetch. */
    FETCH(12, 1),
    /** Load, including LR. */
    LOAD(13, 5),
    /** Store, and every AMO and SC: the spec classifies them all as store/AMO accesses. */
    STORE(15, 7);

    private final int pageFaultCause;
    private final int accessFaultCause;

    AccessType(int pageFaultCause, int accessFaultCause) {
        this.pageFaultCause = pageFaultCause;
        this.accessFaultCause = accessFaultCause;
    }

    /** Returns the exception code of a page fault of this kind: 12, 13 or 15. */
    public int pageFaultCause() {
        return pageFaultCause;
    }

    /** Returns the exception code of an access fault of this kind: 1, 5 or 7. */
    public int accessFaultCause() {
        return accessFaultCause;
    }
}
