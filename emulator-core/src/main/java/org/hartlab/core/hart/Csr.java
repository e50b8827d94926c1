package org.hartlab.core.hart;

/** CSR numbers used by the hart. The top four bits encode access: bits 11:10 = 3 read-only, 9:8 = min privilege. */
public final class Csr {
    private Csr() {
    }

    /** The F/D control and status register and its two fields as CSRs of their own. */
    public static final int FFLAGS = 0x001, FRM = 0x002, FCSR = 0x003;
    public static final int SSTATUS = 0x100, SIE = 0x104, STVEC = 0x105, SCOUNTEREN = 0x106, SENVCFG = 0x10A;
    public static final int SSCRATCH = 0x140, SEPC = 0x141, SCAUSE = 0x142, STVAL = 0x143, SIP = 0x144;
    public static final int SATP = 0x180;
    /** Sstc: the supervisor timer compare (STIP = time >= stimecmp when menvcfg.STCE is set). */
    public static final int STIMECMP = 0x14D;
    public static final int MSTATUS = 0x300, MISA = 0x301, MEDELEG = 0x302, MIDELEG = 0x303, MIE = 0x304;
    public static final int MTVEC = 0x305, MCOUNTEREN = 0x306, MENVCFG = 0x30A, MCOUNTINHIBIT = 0x320;
    public static final int MSCRATCH = 0x340, MEPC = 0x341, MCAUSE = 0x342, MTVAL = 0x343, MIP = 0x344;
    public static final int PMPCFG0 = 0x3A0, PMPADDR0 = 0x3B0;
    public static final int TSELECT = 0x7A0, TDATA1 = 0x7A1, TDATA2 = 0x7A2, TDATA3 = 0x7A3;
    public static final int MCYCLE = 0xB00, MINSTRET = 0xB02;
    public static final int CYCLE = 0xC00, TIME = 0xC01, INSTRET = 0xC02;
    public static final int MVENDORID = 0xF11, MARCHID = 0xF12, MIMPID = 0xF13, MHARTID = 0xF14, MCONFIGPTR = 0xF15;

    /** MXL=64, extensions A, C, D, F, I, M, S, U. */
    public static final long MISA_VALUE = (2L << 62) | (1 << 0) | (1 << 2) | (1 << 3) | (1 << 5) | (1 << 8) | (1 << 12)
            | (1 << 18) | (1 << 20);
}
