package org.hartlab.tools.difftest;

import java.util.SplittableRandom;

/**
 * The F/D part of a generated program (the {@code --fp} mode): a prologue that turns the FPU on, sets frm and
 * gives f0–f31 special values (zeros, infinities, quiet and signalling NaNs, extremes, subnormals, NaN-boxed
 * singles and doubles that are not), random F and D operations in every valid static rounding mode and DYN,
 * reads of fflags between them, and a final dump of f0–f31 and fcsr into the trace. Reserved rounding modes
 * never occur (QEMU 7.2 reports run-time illegal instructions with mtval 0).
 */
final class FpItems {
    private static final int OP_FP = 0x53;
    private static final int FFLAGS = 0x001, FRM = 0x002, FCSR = 0x003, MSTATUS = 0x300;
    private static final long MSTATUS_FS_INITIAL = 0x2000;
    private static final String[] RM = {"rne", "rtz", "rdn", "rup", "rmm", "", "", "dyn"};

    /** How an operation's operands and result are laid out. */
    private enum Kind { FF_RM, FF, F_RM, TO_X_RM, TO_X_FF, TO_X, FROM_X_RM, FMA, NARROW, WIDEN }

    /** One operation: its name without the .s/.d suffix where {@code suffix} adds it, and its bits for fmt S. */
    private record FpOp(String name, int match, Kind kind) {
    }

    private static final FpOp[] OPS = {
        new FpOp("fadd", 0x00 << 25, Kind.FF_RM), new FpOp("fsub", 0x04 << 25, Kind.FF_RM),
        new FpOp("fmul", 0x08 << 25, Kind.FF_RM), new FpOp("fdiv", 0x0C << 25, Kind.FF_RM),
        new FpOp("fsqrt", 0x2C << 25, Kind.F_RM),
        new FpOp("fsgnj", 0x10 << 25, Kind.FF), new FpOp("fsgnjn", 0x10 << 25 | 1 << 12, Kind.FF),
        new FpOp("fsgnjx", 0x10 << 25 | 2 << 12, Kind.FF), new FpOp("fmin", 0x14 << 25, Kind.FF),
        new FpOp("fmax", 0x14 << 25 | 1 << 12, Kind.FF),
        new FpOp("feq", 0x50 << 25 | 2 << 12, Kind.TO_X_FF), new FpOp("flt", 0x50 << 25 | 1 << 12, Kind.TO_X_FF),
        new FpOp("fle", 0x50 << 25, Kind.TO_X_FF), new FpOp("fclass", 0x70 << 25 | 1 << 12, Kind.TO_X),
        new FpOp("fcvt.w", 0x60 << 25, Kind.TO_X_RM), new FpOp("fcvt.wu", 0x60 << 25 | 1 << 20, Kind.TO_X_RM),
        new FpOp("fcvt.l", 0x60 << 25 | 2 << 20, Kind.TO_X_RM), new FpOp("fcvt.lu", 0x60 << 25 | 3 << 20, Kind.TO_X_RM),
        new FpOp("fcvt.*.w", 0x68 << 25, Kind.FROM_X_RM), new FpOp("fcvt.*.wu", 0x68 << 25 | 1 << 20, Kind.FROM_X_RM),
        new FpOp("fcvt.*.l", 0x68 << 25 | 2 << 20, Kind.FROM_X_RM),
        new FpOp("fcvt.*.lu", 0x68 << 25 | 3 << 20, Kind.FROM_X_RM),
        new FpOp("fmadd", 0x43, Kind.FMA), new FpOp("fmsub", 0x47, Kind.FMA), new FpOp("fnmsub", 0x4B, Kind.FMA),
        new FpOp("fnmadd", 0x4F, Kind.FMA), new FpOp("fcvt.s.d", 0x20 << 25 | 1 << 20, Kind.NARROW),
        new FpOp("fcvt.d.s", 0x21 << 25, Kind.WIDEN),
    };

    /** Doubles, then singles (boxed when loaded with fmv.w.x): zeros, ones, infinities, NaNs, extremes. */
    private static final long[] SPECIAL_D = {0, 0x8000_0000_0000_0000L, 0x3FF0_0000_0000_0000L,
        0xBFF0_0000_0000_0000L, 0x7FF0_0000_0000_0000L, 0xFFF0_0000_0000_0000L, 0x7FF8_0000_0000_0000L,
        0x7FF0_0000_0000_0001L, 0x7FEF_FFFF_FFFF_FFFFL, 0x0010_0000_0000_0000L, 1, 0x800F_FFFF_FFFF_FFFFL,
        0x3FF0_0000_0000_0001L, 0x4340_0000_0000_0000L, 0x43E0_0000_0000_0000L, 0xC1E0_0000_0000_0000L};
    private static final int[] SPECIAL_S = {0, 0x8000_0000, 0x3F80_0000, 0xBF80_0000, 0x7F80_0000, 0xFF80_0000,
        0x7FC0_0000, 0x7F80_0001, 0x7F7F_FFFF, 0x0080_0000, 1, 0x807F_FFFF, 0x3F80_0001, 0x4B80_0000, 0x5F00_0000,
        0xCF00_0000};

    private final ProgramGenerator g;
    private final Assembler a;
    private final SplittableRandom rnd;

    FpItems(ProgramGenerator g, Assembler a, SplittableRandom rnd) {
        this.g = g;
        this.a = a;
        this.rnd = rnd;
    }

    /** mstatus.FS = Initial, a random valid frm, and every f register loaded. */
    void prologue() {
        int t = g.free(1);
        Harness.li(a, t, MSTATUS_FS_INITIAL);
        Harness.csr(a, "csrrs", 0, MSTATUS, t);
        Harness.csr(a, "csrrwi", 0, FRM, rnd.nextInt(5));
        for (int f = 0; f < 32; f++) {
            load(f);
        }
    }

    /** One FP item: an operation, sometimes a fresh operand first, sometimes a look at the result or fflags. */
    void item() {
        int w = rnd.nextInt(100);
        if (w < 10) {
            load(rnd.nextInt(32));
        } else if (w < 14) {
            Harness.csr(a, "csrrwi", rnd.nextBoolean() ? 0 : g.free(1), FFLAGS, rnd.nextInt(32));
        } else if (w < 16) {
            Harness.csr(a, "csrrwi", g.free(1), FRM, rnd.nextInt(5));
        } else {
            int rd = operation();
            if (rd >= 0 && rnd.nextBoolean()) {
                emit(0x70 << 25 | 1 << 25 | rd << 15, g.free(1), "fmv.x.d x%d, f" + rd); // trace the result
            }
            if (rnd.nextInt(3) == 0) {
                Harness.csr(a, "csrrs", g.free(1), FFLAGS, 0);
            }
        }
    }

    /** f0–f31 and fcsr, each moved to an x register and recorded in the trace. */
    void dump() {
        for (int f = 0; f < 32; f++) {
            int x = g.free(1);
            emit(0x70 << 25 | 1 << 25 | f << 15, x, "fmv.x.d x%d, f" + f);
            g.recordNow(x);
        }
        int x = g.free(1);
        Harness.csr(a, "csrrs", x, FCSR, 0);
        g.recordNow(x);
    }

    private void load(int f) {
        int t = g.free(1);
        boolean single = rnd.nextInt(3) == 0;
        long value;
        int k = rnd.nextInt(SPECIAL_D.length + 4);
        if (single) {
            value = k < SPECIAL_S.length ? SPECIAL_S[k] : rnd.nextInt() >>> rnd.nextInt(4);
        } else {
            value = k < SPECIAL_D.length ? SPECIAL_D[k] : Operands.value(rnd);
        }
        Harness.li(a, t, value);
        int funct7 = single ? 0x78 : 0x79;
        a.emit32(funct7 << 25 | t << 15 | f << 7 | OP_FP, (single ? "fmv.w.x f%d, x%d" : "fmv.d.x f%d, x%d")
                .formatted(f, t));
    }

    /** Emits a random operation; returns its f destination, or -1 when it writes an x register. */
    private int operation() {
        FpOp op = OPS[rnd.nextInt(OPS.length)];
        boolean d = rnd.nextBoolean();
        String fmt = d ? "d" : "s";
        int fmtBits = d ? 1 << 25 : 0;
        int rm = rnd.nextInt(6);
        rm = rm == 5 ? 7 : rm;
        String rmText = ", " + RM[rm];
        int fd = rnd.nextInt(32);
        int fs1 = rnd.nextInt(32);
        int fs2 = rnd.nextInt(32);
        String name = op.name().contains("*") ? op.name().replace("*", fmt) : op.name() + "." + fmt;
        switch (op.kind()) {
            case FF_RM -> emitF(op.match() | fmtBits | fs2 << 20 | fs1 << 15 | rm << 12 | fd << 7 | OP_FP,
                    "%s f%d, f%d, f%d%s".formatted(name, fd, fs1, fs2, rmText));
            case FF -> emitF(op.match() | fmtBits | fs2 << 20 | fs1 << 15 | fd << 7 | OP_FP,
                    "%s f%d, f%d, f%d".formatted(name, fd, fs1, fs2));
            case F_RM -> emitF(op.match() | fmtBits | fs1 << 15 | rm << 12 | fd << 7 | OP_FP,
                    "%s f%d, f%d%s".formatted(name, fd, fs1, rmText));
            case FMA -> {
                int fs3 = rnd.nextInt(32);
                emitF(fs3 << 27 | fmtBits | fs2 << 20 | fs1 << 15 | rm << 12 | fd << 7 | op.match(),
                        "%s f%d, f%d, f%d, f%d%s".formatted(name, fd, fs1, fs2, fs3, rmText));
            }
            case TO_X_FF -> {
                emit(op.match() | fmtBits | fs2 << 20 | fs1 << 15, g.rd(), "%s x%%d, f%d, f%d".formatted(name, fs1, fs2));
                return -1;
            }
            case TO_X -> {
                emit(op.match() | fmtBits | fs1 << 15, g.rd(), "%s x%%d, f%d".formatted(name, fs1));
                return -1;
            }
            case TO_X_RM -> {
                emit(op.match() | fmtBits | fs1 << 15 | rm << 12, g.rd(), "%s x%%d, f%d%s".formatted(name, fs1, rmText));
                return -1;
            }
            case FROM_X_RM -> {
                int xs = g.rs();
                boolean exact = d && (op.name().endsWith(".w") || op.name().endsWith(".wu"));
                int r = exact ? 0 : rm; // GNU as takes no rounding mode on the exact FCVT.D.W[U]
                emitF(op.match() | fmtBits | xs << 15 | r << 12 | fd << 7 | OP_FP,
                        "%s f%d, x%d%s".formatted(name, fd, xs, exact ? "" : rmText));
            }
            case NARROW -> emitF(op.match() | fs1 << 15 | rm << 12 | fd << 7 | OP_FP,
                    "fcvt.s.d f%d, f%d%s".formatted(fd, fs1, rmText));
            case WIDEN -> emitF(op.match() | fs1 << 15 | fd << 7 | OP_FP, "fcvt.d.s f%d, f%d".formatted(fd, fs1));
        }
        return fd;
    }

    private void emitF(int bits, String text) {
        a.emit32(bits, text);
    }

    /** An instruction whose rd field names an x register; {@code text} has one %d for it. */
    private void emit(int bitsWithoutRd, int rd, String text) {
        a.emit32(bitsWithoutRd | rd << 7 | OP_FP, text.formatted(rd));
    }
}
