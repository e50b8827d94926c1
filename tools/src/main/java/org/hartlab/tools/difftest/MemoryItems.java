package org.hartlab.tools.difftest;

import java.util.SplittableRandom;

/**
 * The generator's memory items. Each sets a base register with AUIPC/ADDI so that every access falls inside
 * the scratch area, then issues one to three accesses through it; the base stays reserved meanwhile. Half of
 * the effective addresses fall in a few hot bytes, so that accesses overlap and read each other's data.
 */
final class MemoryItems {
    private static final int HOT_BYTES = 64;
    private static final int HOT_START = Harness.SCRATCH_BYTES / 2 - HOT_BYTES / 2;
    private static final int RESERVATION_DISTANCE = 128;

    private final ProgramGenerator g;
    private final Assembler a;
    private final Harness h;
    private final SplittableRandom rnd;

    MemoryItems(ProgramGenerator g, Assembler a, Harness h, SplittableRandom rnd) {
        this.g = g;
        this.a = a;
        this.h = h;
        this.rnd = rnd;
    }

    /**
     * An offset into the scratch area for a {@code width}-byte access; misaligned about a third of the time.
     * Half of the offsets fall in the 64 hot bytes around the page boundary in the middle of the area.
     */
    private int effective(int width, boolean mayMisalign) {
        boolean hot = rnd.nextBoolean();
        int from = hot ? HOT_START : 0;
        int span = hot ? HOT_BYTES : Harness.SCRATCH_BYTES;
        if (mayMisalign && rnd.nextInt(3) == 0) {
            return from + rnd.nextInt(span - width + 1);
        }
        return from + width * rnd.nextInt(span / width);
    }

    /** LB..LD, LBU..LWU, SB..SD through one base register with differing offsets. */
    void loadsAndStores() {
        int rb = g.free(1);
        g.reserve(rb);
        int imm = switch (rnd.nextInt(4)) {
            case 0 -> 0;
            case 1 -> rnd.nextInt(-64, 64);
            default -> rnd.nextInt(-1500, 1500);
        };
        int ea = effective(8, true);
        long baseOffset = ea - imm; // rb = scratch + baseOffset, in (-1500, 2004): every offset below fits 12 bits
        a.la(rb, h.scratch, baseOffset);
        int accesses = 1 + rnd.nextInt(3);
        for (int k = 0; k < accesses; k++) {
            int log = rnd.nextInt(4);
            int offset = (int) (effective(1 << log, true) - baseOffset);
            if (rnd.nextBoolean()) {
                Rv.Op op = log < 3 && rnd.nextBoolean() ? Rv.LOAD_U[log] : Rv.LOAD[log];
                Harness.i(a, op, g.rd(), rb, offset);
            } else {
                Rv.Op op = Rv.STORE[log];
                int rs2 = g.rs();
                a.emit32(Rv.s(op, rb, rs2, offset), "%s x%d, %d(x%d)".formatted(op.name(), rs2, offset, rb));
            }
        }
        g.release(rb);
    }

    /** C.LW/C.LD/C.SW/C.SD through an x8..x15 base, or C.LWSP/C.LDSP/C.SWSP/C.SDSP through x2. */
    void compressed() {
        boolean sp = g.isFree(2) && rnd.nextBoolean();
        int rb = sp ? 2 : g.freePrime();
        g.reserve(rb);
        int base = rnd.nextInt(3) == 0 ? rnd.nextInt(256) : 8 * rnd.nextInt(32);
        a.la(rb, h.scratch, base);
        int accesses = 1 + rnd.nextInt(3);
        for (int k = 0; k < accesses; k++) {
            boolean dw = rnd.nextBoolean();
            int width = dw ? 8 : 4;
            boolean store = rnd.nextBoolean();
            String name = (store ? "c.s" : "c.l") + (dw ? "d" : "w") + (sp ? "sp" : "");
            // C.LW/SW reach 124, C.LD/SD 248, the SP forms 252 and 504; stay inside the scratch area.
            int reach = (sp ? 64 : 32) * width - width;
            int limit = Math.min(reach, Harness.SCRATCH_BYTES - width - base);
            int uimm = width * rnd.nextInt(limit / width + 1);
            int reg;
            int bits;
            if (sp) {
                reg = store ? g.rs() : g.free(1);
                bits = dw ? (store ? Rvc.sdsp(reg, uimm) : Rvc.ldsp(reg, uimm))
                        : (store ? Rvc.swsp(reg, uimm) : Rvc.lwsp(reg, uimm));
            } else {
                reg = store ? 8 + rnd.nextInt(8) : g.freePrime();
                bits = dw ? Rvc.doubleword(store, reg, rb, uimm) : Rvc.word(store, reg, rb, uimm);
            }
            a.emit16(bits, "%s x%d, %d(x%d)".formatted(name, reg, uimm, rb));
        }
        g.release(rb);
    }

    /** One or two AMOs on naturally aligned scratch words, with random aq/rl bits. */
    void amo() {
        int rb = g.free(1);
        boolean dw = rnd.nextBoolean();
        int width = dw ? 8 : 4;
        a.la(rb, h.scratch, effective(width, false));
        g.reserve(rb);
        int count = 1 + rnd.nextInt(2);
        for (int k = 0; k < count; k++) {
            int op = rnd.nextInt(Rv.AMO_NAMES.length);
            boolean aq = rnd.nextBoolean();
            boolean rl = rnd.nextBoolean();
            int rd = g.rd();
            int rs2 = g.rs();
            a.emit32(Rv.amo(Rv.AMO_FUNCT5[op], dw, aq, rl, rd, rb, rs2),
                    "%s.%s%s x%d, x%d, (x%d)".formatted(Rv.AMO_NAMES[op], dw ? "d" : "w", ordering(aq, rl), rd, rs2,
                            rb));
        }
        g.release(rb);
    }

    /**
     * LR, zero to two ALU instructions, then an SC that must succeed (same address) or must fail (an address
     * in another granule), sometimes followed by a second SC that must fail (its reservation is gone).
     */
    void lrsc() {
        boolean dw = rnd.nextBoolean();
        int width = dw ? 8 : 4;
        int rb = g.free(1);
        int ea = effective(width, false);
        a.la(rb, h.scratch, ea);
        g.reserve(rb);
        int rd = g.free(1);
        boolean aq = rnd.nextBoolean();
        a.emit32(Rv.amo(Rv.LR, dw, aq, false, rd, rb, 0),
                "lr.%s%s x%d, (x%d)".formatted(dw ? "d" : "w", ordering(aq, false), rd, rb));
        for (int k = rnd.nextInt(3); k > 0; k--) {
            g.aluOnly();
        }
        int target = rb;
        if (rnd.nextInt(4) == 0) {
            target = g.free(1);
            int far = (ea + RESERVATION_DISTANCE + width * rnd.nextInt((Harness.SCRATCH_BYTES - 2
                    * RESERVATION_DISTANCE) / width)) % Harness.SCRATCH_BYTES;
            a.la(target, h.scratch, far);
        }
        g.reserve(target);
        int scs = rnd.nextInt(3) == 0 ? 2 : 1;
        for (int k = 0; k < scs; k++) {
            int rs2 = g.rs();
            int result = g.free(1);
            boolean rl = rnd.nextBoolean();
            a.emit32(Rv.amo(Rv.SC, dw, false, rl, result, target, rs2),
                    "sc.%s%s x%d, x%d, (x%d)".formatted(dw ? "d" : "w", ordering(false, rl), result, rs2, target));
        }
        g.release(target);
        g.release(rb);
    }

    private static String ordering(boolean aq, boolean rl) {
        return aq && rl ? ".aqrl" : aq ? ".aq" : rl ? ".rl" : "";
    }
}
