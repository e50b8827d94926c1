package org.hartlab.core.hart;

/**
 * Bit layout of mstatus (RV64) and the sstatus view of it.
 * <pre>
 *  63  ... 35:34 33:32 ... 22  21  20  19  18  17   16:15 14:13 12:11 10:9  8   7    6   5    4  3   2  1   0
 *  SD      SXL   UXL       TSR TW  TVM MXR SUM MPRV XS    FS    MPP   VS    SPP MPIE UBE SPIE -  MIE -  SIE -
 * </pre>
 * FS tracks the F/D state (Off makes every FP instruction illegal) and SD summarises it; VS and XS stay 0
 * (no V, no custom state); SXL and UXL are fixed at 2 (64-bit); all harts are little-endian.
 */
final class Mstatus {
    private Mstatus() {
    }

    static final long SIE = 1L << 1;
    static final long MIE = 1L << 3;
    static final long SPIE = 1L << 5;
    static final long MPIE = 1L << 7;
    static final long SPP = 1L << 8;
    static final int MPP_SHIFT = 11;
    static final long FS = 3L << 13;
    static final long FS_OFF = 0;
    static final long FS_INITIAL = 1L << 13;
    static final long FS_DIRTY = FS;
    /** Read-only: some extension state (here only FS) is Dirty. */
    static final long SD = 1L << 63;
    static final long MPP = 3L << MPP_SHIFT;
    static final long MPRV = 1L << 17;
    static final long SUM = 1L << 18;
    static final long MXR = 1L << 19;
    static final long TVM = 1L << 20;
    static final long TW = 1L << 21;
    static final long TSR = 1L << 22;
    static final long UXL_SXL_64 = (2L << 32) | (2L << 34);

    static final long WRITABLE = SIE | MIE | SPIE | MPIE | SPP | MPP | FS | MPRV | SUM | MXR | TVM | TW | TSR;
    static final long SSTATUS_READABLE = SIE | SPIE | SPP | SUM | MXR | (3L << 32) | (1L << 63) | (3L << 13)
            | (3L << 9) | (3L << 15);
    static final long SSTATUS_WRITABLE = SIE | SPIE | SPP | FS | SUM | MXR;

    static int mpp(long mstatus) {
        return (int) ((mstatus & MPP) >>> MPP_SHIFT);
    }

    /** MPP is WARL over the implemented levels U, S, M: the reserved value 2 is stored as U. SD follows FS. */
    static long legalize(long mstatus) {
        if (mpp(mstatus) == 2) {
            mstatus &= ~MPP;
        }
        return (mstatus & FS) == FS_DIRTY ? mstatus | SD : mstatus & ~SD;
    }
}
