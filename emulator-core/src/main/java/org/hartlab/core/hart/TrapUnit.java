package org.hartlab.core.hart;

/**
 * A hart's traps and interrupts, as the privileged spec has them: taking a trap into M-mode or, when medeleg or
 * mideleg delegate it from S- or U-mode, into S-mode (where the hosted kernel, if any, handles it in Java), taking
 * the highest-priority pending and enabled interrupt, and returning with mret and sret. Used by its hart's own
 * thread only.
 */
final class TrapUnit {
    private final Hart hart;
    private final CsrFile csr;

    TrapUnit(Hart hart) {
        this.hart = hart;
        this.csr = hart.csr;
    }

    /** Takes a trap from the current privilege, honouring medeleg/mideleg, and jumps to the handler. */
    void take(int cause, boolean interrupt, long tval) {
        int from = hart.priv;
        long delegated = interrupt ? csr.mideleg : csr.medeleg;
        long causeValue = (interrupt ? Long.MIN_VALUE : 0) | cause;
        long ms = csr.mstatus;
        if (from <= Privilege.SUPERVISOR && ((delegated >>> cause) & 1) != 0) {
            csr.scause = causeValue;
            csr.sepc = hart.pc;
            csr.stval = tval;
            ms = (ms & ~(Mstatus.SPIE | Mstatus.SIE | Mstatus.SPP))
                    | ((ms & Mstatus.SIE) != 0 ? Mstatus.SPIE : 0)
                    | (from == Privilege.SUPERVISOR ? Mstatus.SPP : 0);
            hart.priv = Privilege.SUPERVISOR;
            hart.pc = vector(csr.stvec, cause, interrupt);
            csr.mstatus = ms;
            hart.trapTaken();
            Supervisor supervisor = hart.supervisor();
            if (supervisor != null) {
                supervisor.trap(hart, causeValue, tval);
            }
            return;
        } else {
            csr.mcause = causeValue;
            csr.mepc = hart.pc;
            csr.mtval = tval;
            ms = (ms & ~(Mstatus.MPIE | Mstatus.MIE | Mstatus.MPP))
                    | ((ms & Mstatus.MIE) != 0 ? Mstatus.MPIE : 0)
                    | ((long) from << Mstatus.MPP_SHIFT);
            hart.priv = Privilege.MACHINE;
            hart.pc = vector(csr.mtvec, cause, interrupt);
        }
        csr.mstatus = ms;
        hart.trapTaken();
    }

    private static long vector(long tvec, int cause, boolean interrupt) {
        long base = tvec & ~3L;
        return interrupt && (tvec & 3) == 1 ? base + 4L * cause : base;
    }

    /** Takes the highest-priority pending and enabled interrupt, if any; true if one was taken. */
    boolean takePending() {
        long pending = csr.mip() & csr.mie;
        if (pending == 0) {
            return false;
        }
        long ms = csr.mstatus;
        long machine = pending & ~csr.mideleg;
        boolean machineEnabled = hart.priv < Privilege.MACHINE || (ms & Mstatus.MIE) != 0;
        if (machine != 0 && machineEnabled) {
            take(highestPriority(machine), true, 0);
            return true;
        }
        long supervisor = pending & csr.mideleg;
        boolean supervisorEnabled = hart.priv < Privilege.SUPERVISOR
                || (hart.priv == Privilege.SUPERVISOR && (ms & Mstatus.SIE) != 0);
        if (supervisor != 0 && supervisorEnabled) {
            take(highestPriority(supervisor), true, 0);
            return true;
        }
        return false;
    }

    /** Interrupt priority of the privileged spec: MEI, MSI, MTI, SEI, SSI, STI. */
    private static int highestPriority(long bits) {
        for (int cause : new int[] {Cause.MEI, Cause.MSI, Cause.MTI, Cause.SEI, Cause.SSI, Cause.STI}) {
            if ((bits & (1L << cause)) != 0) {
                return cause;
            }
        }
        throw new IllegalStateException("hart: no known interrupt in " + Long.toHexString(bits));
    }


    void mret() {
        long ms = csr.mstatus;
        int target = Mstatus.mpp(ms);
        ms = (ms & ~(Mstatus.MIE | Mstatus.MPP)) | ((ms & Mstatus.MPIE) != 0 ? Mstatus.MIE : 0) | Mstatus.MPIE;
        if (target != Privilege.MACHINE) {
            ms &= ~Mstatus.MPRV;
        }
        csr.mstatus = ms;
        hart.priv = target;
        hart.pc = csr.mepc;
        hart.csrWritten();
    }

    void sret() {
        long ms = csr.mstatus;
        int target = (ms & Mstatus.SPP) != 0 ? Privilege.SUPERVISOR : Privilege.USER;
        ms = (ms & ~(Mstatus.SIE | Mstatus.SPP | Mstatus.MPRV)) | ((ms & Mstatus.SPIE) != 0 ? Mstatus.SIE : 0)
                | Mstatus.SPIE;
        csr.mstatus = ms;
        hart.priv = target;
        hart.pc = csr.sepc;
        hart.csrWritten();
    }
}
