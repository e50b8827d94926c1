package org.hartlab.tools.difftest;

import java.util.SplittableRandom;
import org.hartlab.tools.difftest.Assembler.Fixup;
import org.hartlab.tools.difftest.Assembler.Label;

/**
 * The generator's control-flow items: forward branches and jumps over a few straight items (every outcome is
 * defined, taken or not), JALR and C.JR/C.JALR to computed targets, counted loops, jumps far enough to exercise
 * the high immediate bits, and self-modifying code behind FENCE.I.
 */
final class ControlItems {
    private final ProgramGenerator g;
    private final Assembler a;
    private final SplittableRandom rnd;

    ControlItems(ProgramGenerator g, Assembler a, SplittableRandom rnd) {
        this.g = g;
        this.a = a;
        this.rnd = rnd;
    }

    /** A conditional branch over one to three straight items; one time in five both operands are the same. */
    void forwardBranch() {
        Rv.Op op = Rv.BRANCH[rnd.nextInt(Rv.BRANCH.length)];
        int rs1 = g.rs();
        int rs2 = rnd.nextInt(5) == 0 ? rs1 : g.rs();
        Label skip = g.label();
        a.emitFixup(4, Rv.b(op, rs1, rs2, 0), "%s x%d, x%d, %%s".formatted(op.name(), rs1, rs2), Fixup.BRANCH,
                skip, 0, 0);
        g.body(1 + rnd.nextInt(3));
        a.bind(skip);
    }

    /** JAL over one to three straight items, linking into x0, x1 or any free register. */
    void jal() {
        int rd = rnd.nextBoolean() ? 0 : rnd.nextBoolean() && g.isFree(1) ? 1 : g.free(1);
        Label skip = g.label();
        a.emitFixup(4, Rv.j(rd, 0), "jal x%d, %%s".formatted(rd), Fixup.JAL, skip, 0, 0);
        g.body(1 + rnd.nextInt(3));
        a.bind(skip);
    }

    /** AUIPC + JALR to a label after a few instructions; the target is sometimes odd (JALR clears bit 0). */
    void jalr() {
        int rt = g.free(1);
        int rd = g.rd();
        Label skip = g.label();
        int addend = rnd.nextInt(3) == 0 ? 1 : 0;
        long anchor = a.auipcHi(rt, skip, addend);
        a.emitFixup(4, Rv.i(Rv.JALR, rd, rt, 0), "jalr x%d, %%s(x%d)".formatted(rd, rt), Fixup.PCREL_LO, skip,
                addend, anchor);
        g.body(1 + rnd.nextInt(3));
        a.bind(skip);
    }

    /** C.J, C.BEQZ/C.BNEZ, or C.JR/C.JALR through an AUIPC/ADDI-computed (sometimes odd) target. */
    void compressedControl() {
        Label skip = g.label();
        switch (rnd.nextInt(4)) {
            case 0 -> {
                a.emitFixup(2, Rvc.j(0), "c.j %s", Fixup.CJ, skip, 0, 0);
                g.body(1 + rnd.nextInt(2));
            }
            case 1 -> {
                boolean notZero = rnd.nextBoolean();
                int rs1 = 8 + rnd.nextInt(8);
                a.emitFixup(2, Rvc.branch(notZero, rs1, 0), "%s x%d, %%s".formatted(notZero ? "c.bnez" : "c.beqz",
                        rs1), Fixup.CBRANCH, skip, 0, 0);
                g.body(1);
            }
            default -> {
                boolean link = rnd.nextBoolean() && g.isFree(1);
                int rt = g.free(1);
                a.la(rt, skip, rnd.nextInt(3) == 0 ? 1 : 0);
                a.emit16(Rvc.jr(link, rt), "%s x%d".formatted(link ? "c.jalr" : "c.jr", rt));
                g.body(1 + rnd.nextInt(2));
            }
        }
        a.bind(skip);
    }

    /** A loop run 1..4 times whose counter is reserved for its body; decrement and branch may be compressed. */
    void loop() {
        int rc = g.free(1);
        Harness.li(a, rc, 1 + rnd.nextInt(4));
        Label top = g.label();
        a.bind(top);
        g.reserve(rc);
        g.body(1 + rnd.nextInt(3));
        if (Rvc.isPrime(rc) && rnd.nextBoolean()) {
            a.emit16(Rvc.addi(rc, -1), "c.addi x%d, -1".formatted(rc));
        } else {
            Harness.i(a, Rv.ADDI, rc, rc, -1);
        }
        if (Rvc.isPrime(rc) && rnd.nextBoolean() && a.pc() - top.address() < 250) {
            a.emitFixup(2, Rvc.branch(true, rc, 0), "c.bnez x%d, %%s".formatted(rc), Fixup.CBRANCH, top, 0, 0);
        } else {
            Harness.branch(a, Rv.BRANCH[1], rc, 0, top);
        }
        g.release(rc);
    }

    /**
     * Stores a new instruction over a NOP ahead (SW, misaligned when the slot is, possibly across a page
     * boundary), FENCE.I, then runs into it.
     */
    void selfModifying() {
        int rb = g.free(1);
        g.reserve(rb);
        int rv = g.free(1);
        g.release(rb);
        int rd = g.free(1);
        int rs1 = g.rs();
        int imm = Operands.imm12(rnd);
        Rv.Op op = Rv.ALU_I[rnd.nextInt(Rv.ALU_I.length)];
        int patched = Rv.i(op, rd, rs1, imm);
        Label slot = g.label();
        a.la(rb, slot, 0);
        Harness.li(a, rv, patched);
        a.emit32(Rv.s(Rv.STORE[2], rb, rv, 0), "sw x%d, 0(x%d)".formatted(rv, rb));
        a.emit32(Rv.FENCE_I, "fence.i");
        long toPage = 4096 - (a.pc() & 0xFFF);
        if (toPage <= 64 && rnd.nextBoolean()) {
            while (4096 - (a.pc() & 0xFFF) != 2) {
                a.emit16(Rvc.nop(), "c.nop"); // the slot straddles two pages
            }
        } else if (a.pc() % 4 != 0 && rnd.nextBoolean()) {
            a.emit16(Rvc.nop(), "c.nop");
        }
        a.bind(slot);
        a.emit32(Rv.i(Rv.ADDI, 0, 0, 0), "addi x0, x0, 0  # overwritten with: %s x%d, x%d, %d".formatted(op.name(),
                rd, rs1, imm));
    }

    /**
     * Jumps forward over 1..16 KiB of zero halfwords (illegal, so executing any would be logged as a trap), runs
     * a few items there, and comes back over them: JAL, an always-taken BEQ/BGE/BGEU, or C.J, each near the limit
     * of its immediate so that the high offset bits are exercised in both directions.
     */
    void farJump() {
        Label there = g.label();
        Label back = g.label();
        Label out = g.label();
        int kind = rnd.nextInt(3);
        int limit = kind == 0 ? 16384 : kind == 1 ? 3600 : 1600;
        int filler = 1024 + 2 * rnd.nextInt((limit - 1024) / 2);
        jump(kind, there);
        a.bind(back);
        g.body(1 + rnd.nextInt(2));
        jump(kind, out);
        a.space(filler, ".fill %d, 2, 0  # never executed".formatted(filler / 2));
        a.bind(there);
        jump(kind, back);
        a.bind(out);
    }

    private void jump(int kind, Label target) {
        switch (kind) {
            case 0 -> {
                int rd = rnd.nextBoolean() ? 0 : g.free(1);
                a.emitFixup(4, Rv.j(rd, 0), "jal x%d, %%s".formatted(rd), Fixup.JAL, target, 0, 0);
            }
            case 1 -> {
                int r = g.rs();
                Rv.Op op = Rv.BRANCH[new int[] {0, 3, 5}[rnd.nextInt(3)]]; // equal operands: always taken
                a.emitFixup(4, Rv.b(op, r, r, 0), "%s x%d, x%d, %%s".formatted(op.name(), r, r), Fixup.BRANCH,
                        target, 0, 0);
            }
            default -> a.emitFixup(2, Rvc.j(0), "c.j %s", Fixup.CJ, target, 0, 0);
        }
    }
}
