package org.hartlab.core.hart;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The control and status registers of one hart, with the access rules of the privileged spec: the CSR
 * number's privilege and read-only bits, counter enables, TVM for satp, and the WARL behaviour of each field.
 * sstatus, sie and sip are views of their machine-level registers, not separate state.
 *
 * <p>mip is the one register other threads touch (devices raising interrupts), so it is updated atomically.
 */
public final class CsrFile {
    private static final VarHandle MIP;

    static {
        try {
            MIP = MethodHandles.lookup().findVarHandle(CsrFile.class, "mip", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Interrupt bits software may write in mip: SSIP, STIP, SEIP (MSIP/MTIP/MEIP come from devices). */
    private static final long MIP_WRITABLE = (1L << Cause.SSI) | (1L << Cause.STI) | (1L << Cause.SEI);
    private static final long SUPERVISOR_INTERRUPTS = MIP_WRITABLE;
    private static final long ALL_INTERRUPTS = SUPERVISOR_INTERRUPTS | (1L << Cause.MSI) | (1L << Cause.MTI)
            | (1L << Cause.MEI);
    /** Every synchronous exception but ecall from M can be delegated. */
    private static final long MEDELEG_WRITABLE = 0xB3FFL;
    private static final long MENVCFG_ADUE = 1L << 61;
    private static final long MENVCFG_STCE = 1L << 63;
    private static final long ENVCFG_FIOM = 1L;
    private static final long SATP_MODE_SV39 = 8L;
    private static final long SATP_ASID_MASK = 0xFFFFL << 44;
    private static final long SATP_PPN_MASK = (1L << 44) - 1;

    private final Hart hart;

    long mstatus = Mstatus.UXL_SXL_64;
    long mie;
    private volatile long mip;
    long medeleg, mideleg;
    long mtvec, mepc, mcause, mtval, mscratch;
    long stvec, sepc, scause, stval, sscratch;
    long satp;
    long mcounteren, scounteren, menvcfg, senvcfg, mcountinhibit;
    long stimecmp = -1;
    final Pmp pmp = new Pmp();

    CsrFile(Hart hart) {
        this.hart = hart;
    }

    public long mip() {
        return mip;
    }

    /** Raises interrupt-pending bits; callable from any thread (devices, other harts). */
    public void raise(long bits) {
        if ((mip & bits) != bits) { // as in lower: a pending timer is raised again before every slice
            MIP.getAndBitwiseOr(this, bits);
        }
        hart.wakeUp();
    }

    /**
     * Clears interrupt-pending bits; callable from any thread. Bits already clear need no atomic update (the timers
     * lower theirs before every slice): the clear then takes effect at the read that found them so, and a raise
     * after it stands, as it would after the update.
     */
    public void lower(long bits) {
        if ((mip & bits) != 0) {
            MIP.getAndBitwiseAnd(this, ~bits);
        }
    }

    public long satp() {
        return satp;
    }

    /** sepc, for a Java supervisor that must step past the instruction that trapped (an ecall). */
    public long sepc() {
        return sepc;
    }

    public void setSepc(long value) {
        sepc = value & ~1L;
    }

    boolean svadu() {
        return (menvcfg & MENVCFG_ADUE) != 0;
    }

    /** Sstc enabled: STIP follows stimecmp instead of being written by M-mode software. */
    public boolean supervisorTimerEnabled() {
        return (menvcfg & MENVCFG_STCE) != 0;
    }

    public long stimecmp() {
        return stimecmp;
    }

    /** Reads a CSR as a debugger does, with machine privilege; throws IllegalArgumentException if it does not exist. */
    public long read(int number) {
        if (number == Csr.FFLAGS || number == Csr.FRM || number == Csr.FCSR) {
            return fpCsr(number); // a debugger sees them whatever mstatus.FS says
        }
        try {
            return read(number, Privilege.MACHINE, false, 0);
        } catch (Trap t) {
            throw new IllegalArgumentException("csr: no CSR 0x" + Integer.toHexString(number));
        }
    }

    /**
     * Reads CSR {@code number} at privilege {@code priv}; {@code willWrite} says whether the instruction also
     * writes it, which matters for read-only CSRs. Throws an illegal-instruction {@link Trap} on a denied access.
     */
    long read(int number, int priv, boolean willWrite, int insnBits) {
        checkAccess(number, priv, willWrite, insnBits);
        return switch (number) {
            case Csr.FFLAGS, Csr.FRM, Csr.FCSR -> fpCsr(number);
            case Csr.SSTATUS -> sstatus();
            case Csr.SIE -> mie & mideleg;
            case Csr.SIP -> mip & mideleg;
            case Csr.STVEC -> stvec;
            case Csr.SCOUNTEREN -> scounteren;
            case Csr.SENVCFG -> senvcfg;
            case Csr.SSCRATCH -> sscratch;
            case Csr.SEPC -> sepc;
            case Csr.SCAUSE -> scause;
            case Csr.STVAL -> stval;
            case Csr.SATP -> satp;
            case Csr.MSTATUS -> mstatus;
            case Csr.MISA -> Csr.MISA_VALUE;
            case Csr.MEDELEG -> medeleg;
            case Csr.MIDELEG -> mideleg;
            case Csr.MIE -> mie;
            case Csr.MIP -> mip;
            case Csr.MTVEC -> mtvec;
            case Csr.MCOUNTEREN -> mcounteren;
            case Csr.MENVCFG -> menvcfg;
            case Csr.STIMECMP -> stimecmp;
            case Csr.MCOUNTINHIBIT -> mcountinhibit;
            case Csr.MSCRATCH -> mscratch;
            case Csr.MEPC -> mepc;
            case Csr.MCAUSE -> mcause;
            case Csr.MTVAL -> mtval;
            case Csr.MCYCLE, Csr.CYCLE -> hart.cycles();
            case Csr.MINSTRET, Csr.INSTRET -> hart.minstret();
            case Csr.TIME -> hart.time();
            case Csr.MHARTID -> hart.id();
            default -> readOther(number);
        };
    }

    private long readOther(int number) {
        if (isPmpCfg(number)) {
            return pmp.readCfg(number - Csr.PMPCFG0);
        }
        if (number >= Csr.PMPADDR0 && number < Csr.PMPADDR0 + Pmp.ENTRIES) {
            return pmp.readAddr(number - Csr.PMPADDR0);
        }
        return 0; // hpm counters and events, trigger CSRs, ID registers: implemented as hard-wired zero
    }

    /**
     * Writes CSR {@code number} with its WARL rules but without access checks: for instructions (which checked
     * access with {@link #read} or {@link #checkAccess} first), the Java supervisor and the debugger.
     */
    public void write(int number, long value) {
        switch (number) {
            case Csr.FFLAGS -> writeFcsr(hart.fp.frm << 5 | ((int) value & 0x1F));
            case Csr.FRM -> writeFcsr(((int) value & 7) << 5 | hart.fp.fflags);
            case Csr.FCSR -> writeFcsr((int) value);
            case Csr.SSTATUS -> mstatus = Mstatus.legalize(
                    (mstatus & ~Mstatus.SSTATUS_WRITABLE) | (value & Mstatus.SSTATUS_WRITABLE));
            case Csr.SIE -> mie = (mie & ~mideleg) | (value & mideleg);
            case Csr.SIP -> writeMip((1L << Cause.SSI) & mideleg, value);
            case Csr.STVEC -> stvec = legalTvec(value);
            case Csr.SCOUNTEREN -> scounteren = value & 0xFFFF_FFFFL;
            case Csr.SENVCFG -> senvcfg = value & ENVCFG_FIOM;
            case Csr.SSCRATCH -> sscratch = value;
            case Csr.SEPC -> sepc = value & ~1L;
            case Csr.SCAUSE -> scause = value;
            case Csr.STVAL -> stval = value;
            case Csr.SATP -> writeSatp(value);
            case Csr.MSTATUS -> mstatus = Mstatus.legalize((mstatus & ~Mstatus.WRITABLE) | (value & Mstatus.WRITABLE));
            case Csr.MEDELEG -> medeleg = value & MEDELEG_WRITABLE;
            case Csr.MIDELEG -> mideleg = value & SUPERVISOR_INTERRUPTS;
            case Csr.MIE -> mie = value & ALL_INTERRUPTS;
            case Csr.MIP -> writeMip(MIP_WRITABLE, value);
            case Csr.MTVEC -> mtvec = legalTvec(value);
            case Csr.MCOUNTEREN -> mcounteren = value & 0xFFFF_FFFFL;
            case Csr.MENVCFG -> menvcfg = value & (MENVCFG_STCE | MENVCFG_ADUE | ENVCFG_FIOM);
            case Csr.STIMECMP -> stimecmp = value;
            case Csr.MCOUNTINHIBIT -> mcountinhibit = value & 0xFFFF_FFFDL;
            case Csr.MSCRATCH -> mscratch = value;
            case Csr.MEPC -> mepc = value & ~1L;
            case Csr.MCAUSE -> mcause = value;
            case Csr.MTVAL -> mtval = value;
            case Csr.MCYCLE -> hart.setCycles(value);
            case Csr.MINSTRET -> hart.setInstret(value);
            default -> writeOther(number, value);
        }
        hart.csrWritten();
    }

    private void writeOther(int number, long value) {
        if (isPmpCfg(number)) {
            pmp.writeCfg(number - Csr.PMPCFG0, value); // csrWritten then drops what relied on the old entries
        } else if (number >= Csr.PMPADDR0 && number < Csr.PMPADDR0 + Pmp.ENTRIES) {
            pmp.writeAddr(number - Csr.PMPADDR0, value);
        }
        // Everything else that passed checkAccess is hard-wired zero: writes are ignored (WARL).
    }

    private long fpCsr(int number) {
        return switch (number) {
            case Csr.FFLAGS -> hart.fp.fflags;
            case Csr.FRM -> hart.fp.frm;
            default -> hart.fp.fcsr();
        };
    }

    /** fcsr = frm (bits 7:5) | fflags (4:0); writing any of the three FP CSRs makes the FP state Dirty. */
    private void writeFcsr(int value) {
        hart.fp.fflags = value & 0x1F;
        hart.fp.frm = (value >>> 5) & 7;
        mstatus |= Mstatus.FS_DIRTY | Mstatus.SD;
    }

    private void writeMip(long writable, long value) {
        long bits;
        long old;
        do {
            old = mip;
            bits = (old & ~writable) | (value & writable);
        } while (!MIP.compareAndSet(this, old, bits));
    }

    private void writeSatp(long value) {
        long mode = value >>> 60;
        // An unsupported MODE makes the whole write have no effect (privileged spec, satp).
        if (mode == 0) {
            satp = 0;
        } else if (mode == SATP_MODE_SV39) {
            satp = value & ((0xFL << 60) | SATP_ASID_MASK | SATP_PPN_MASK);
        }
    }

    /** mtvec/stvec MODE is WARL: only Direct (0) and Vectored (1) exist; a reserved mode is stored as Direct. */
    private static long legalTvec(long value) {
        long mode = value & 3;
        return (value & ~3L) | (mode <= 1 ? mode : 0);
    }

    private long sstatus() {
        return mstatus & Mstatus.SSTATUS_READABLE;
    }

    /** Throws an illegal-instruction trap unless {@code priv} may access CSR {@code number} this way. */
    void checkAccess(int number, int priv, boolean willWrite, int insnBits) {
        boolean exists = exists(number);
        boolean readOnly = (number >>> 10) == 3;
        int minPriv = (number >>> 8) & 3;
        if (!exists || priv < minPriv || (willWrite && readOnly)
                || (number <= Csr.FCSR && (mstatus & Mstatus.FS) == Mstatus.FS_OFF)
                || (number == Csr.SATP && priv == Privilege.SUPERVISOR && (mstatus & Mstatus.TVM) != 0)
                || (number == Csr.STIMECMP && priv < Privilege.MACHINE && !supervisorTimerEnabled())
                || !counterEnabled(number, priv)) {
            throw new Trap(Cause.ILLEGAL_INSTRUCTION, insnBits & 0xFFFF_FFFFL);
        }
    }

    private boolean counterEnabled(int number, int priv) {
        if (number < Csr.CYCLE || number > Csr.CYCLE + 31 || priv == Privilege.MACHINE) {
            return true;
        }
        long bit = 1L << (number - Csr.CYCLE);
        boolean machineAllows = (mcounteren & bit) != 0;
        return priv == Privilege.SUPERVISOR ? machineAllows : machineAllows && (scounteren & bit) != 0;
    }

    /** RV64 has only the even pmpcfg registers, each holding eight entries' bytes. */
    private static boolean isPmpCfg(int n) {
        return n >= Csr.PMPCFG0 && n < Csr.PMPCFG0 + 16 && (n & 1) == 0;
    }

    private static boolean exists(int n) {
        return switch (n) {
            case Csr.FFLAGS, Csr.FRM, Csr.FCSR, Csr.STIMECMP, Csr.SSTATUS, Csr.SIE, Csr.STVEC, Csr.SCOUNTEREN, Csr.SENVCFG, Csr.SSCRATCH, Csr.SEPC, Csr.SCAUSE,
                 Csr.STVAL, Csr.SIP, Csr.SATP, Csr.MSTATUS, Csr.MISA, Csr.MEDELEG, Csr.MIDELEG, Csr.MIE, Csr.MTVEC,
                 Csr.MCOUNTEREN, Csr.MENVCFG, Csr.MCOUNTINHIBIT, Csr.MSCRATCH, Csr.MEPC, Csr.MCAUSE, Csr.MTVAL,
                 Csr.MIP, Csr.TSELECT, Csr.TDATA1, Csr.TDATA2, Csr.TDATA3, Csr.MVENDORID, Csr.MARCHID, Csr.MIMPID,
                 Csr.MHARTID, Csr.MCONFIGPTR -> true;
            default -> isPmpCfg(n)
                    || (n >= Csr.PMPADDR0 && n < Csr.PMPADDR0 + Pmp.ENTRIES)
                    || (n >= Csr.MCYCLE && n <= Csr.MCYCLE + 31 && n != Csr.MCYCLE + 1)
                    || (n >= Csr.CYCLE && n <= Csr.CYCLE + 31)
                    || (n >= Csr.MCOUNTINHIBIT + 3 && n <= Csr.MCOUNTINHIBIT + 31);
        };
    }
}
