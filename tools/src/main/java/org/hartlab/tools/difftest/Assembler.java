package org.hartlab.tools.difftest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A code buffer at a fixed load address that records every instruction with its listing text, and patches
 * pc-relative immediates once their labels are bound. Listing texts are GNU {@code as} syntax (x-register
 * names, branch targets as {@code .+N}), so a listing assembles back to the same bytes.
 *
 * <p>Contract: {@link #finish()} throws {@link IllegalStateException} naming the instruction when a label is
 * unbound or an offset does not fit its field; the generator is expected never to let that happen.
 */
final class Assembler {
    /** A position in the program; bound once, to the current pc or to an absolute address. */
    static final class Label {
        private final String name;
        private long address = -1;

        Label(String name) {
            this.name = name;
        }

        long address() {
            return address;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** How a label's address is folded into an instruction. */
    enum Fixup {
        /** B-type offset from this instruction. */
        BRANCH,
        /** JAL offset from this instruction. */
        JAL,
        /** c.beqz / c.bnez offset from this instruction. */
        CBRANCH,
        /** c.j offset from this instruction. */
        CJ,
        /** AUIPC upper 20 bits of (target - this pc), rounded for a following low part. */
        PCREL_HI,
        /** I-type low 12 bits of (target - anchor), anchor being the pc of the paired AUIPC. */
        PCREL_LO
    }

    /** One emitted instruction: where, its encoding, and its text ({@code %s} marks a pending immediate). */
    static final class Line {
        final long pc;
        final int size;
        int bits;
        String text;
        final Fixup fixup;
        final Label target;
        final long addend;
        final long anchor;

        Line(long pc, int size, int bits, String text, Fixup fixup, Label target, long addend, long anchor) {
            this.pc = pc;
            this.size = size;
            this.bits = bits;
            this.text = text;
            this.fixup = fixup;
            this.target = target;
            this.addend = addend;
            this.anchor = anchor;
        }

        @Override
        public String toString() {
            String hex = size == 2 ? "    %04x".formatted(bits & 0xFFFF) : size == 4 ? "%08x".formatted(bits)
                    : "        ";
            return "%08x:  %s  %s".formatted(pc, hex, text);
        }
    }

    private final long base;
    private final List<Line> lines = new ArrayList<>();
    private byte[] code = new byte[4096];
    private int size;

    Assembler(long base) {
        this.base = base;
    }

    long pc() {
        return base + size;
    }

    int instructionCount() {
        return lines.size();
    }

    void bind(Label label) {
        bindAt(label, pc());
    }

    void bindAt(Label label, long address) {
        if (label.address != -1) {
            throw new IllegalStateException("assembler: label " + label + " bound twice");
        }
        label.address = address;
    }

    void emit32(int bits, String text) {
        add(new Line(pc(), 4, bits, text, null, null, 0, 0));
    }

    void emit16(int bits, String text) {
        add(new Line(pc(), 2, bits, text, null, null, 0, 0));
    }

    /** Emits an instruction whose immediate comes from {@code target + addend}; {@code text} has one {@code %s}. */
    void emitFixup(int size, int bits, String text, Fixup fixup, Label target, long addend, long anchor) {
        add(new Line(pc(), size, bits, text, fixup, target, addend, anchor));
    }

    /** Emits {@code auipc rd, %pcrel_hi(target + addend)} and returns its pc, the anchor of the low part. */
    long auipcHi(int rd, Label target, long addend) {
        long anchor = pc();
        emitFixup(4, Rv.u(Rv.AUIPC, rd, 0), "auipc x" + rd + ", %s", Fixup.PCREL_HI, target, addend, anchor);
        return anchor;
    }

    /** Emits {@code auipc rd; addi rd, rd} that leave {@code target + addend} in {@code rd}. */
    void la(int rd, Label target, long addend) {
        long anchor = auipcHi(rd, target, addend);
        emitFixup(4, Rv.i(Rv.ADDI, rd, rd, 0), "addi x" + rd + ", x" + rd + ", %s", Fixup.PCREL_LO, target, addend,
                anchor);
    }

    /** Reserves {@code bytes} zero bytes (never executed filler) as one listing line. */
    void space(int bytes, String text) {
        add(new Line(pc(), bytes, 0, text, null, null, 0, 0));
    }

    private void add(Line line) {
        while (size + line.size > code.length) {
            code = Arrays.copyOf(code, code.length * 2);
        }
        lines.add(line);
        put(line);
        size += line.size;
    }

    private void put(Line line) {
        if (line.size > 4) {
            return; // filler: the buffer is already zero
        }
        int at = (int) (line.pc - base);
        code[at] = (byte) line.bits;
        code[at + 1] = (byte) (line.bits >> 8);
        if (line.size == 4) {
            code[at + 2] = (byte) (line.bits >> 16);
            code[at + 3] = (byte) (line.bits >> 24);
        }
    }

    /** Resolves every fixup and returns the code bytes (from the base address, {@link #pc()} - base long). */
    byte[] finish() {
        for (Line line : lines) {
            if (line.fixup != null) {
                resolve(line);
                put(line);
            }
        }
        return Arrays.copyOf(code, size);
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    private void resolve(Line line) {
        if (line.target.address == -1) {
            throw new IllegalStateException("assembler: label " + line.target + " never bound (" + line.text + ")");
        }
        long target = line.target.address + line.addend;
        long offset = target - line.pc;
        switch (line.fixup) {
            case BRANCH -> {
                check(line, offset, 13);
                line.bits |= Rv.bImm((int) offset);
                line.text = line.text.formatted(dotOffset(offset));
            }
            case JAL -> {
                check(line, offset, 21);
                line.bits |= Rv.jImm((int) offset);
                line.text = line.text.formatted(dotOffset(offset));
            }
            case CBRANCH -> {
                check(line, offset, 9);
                line.bits |= Rvc.bImm((int) offset);
                line.text = line.text.formatted(dotOffset(offset));
            }
            case CJ -> {
                check(line, offset, 12);
                line.bits |= Rvc.jImm((int) offset);
                line.text = line.text.formatted(dotOffset(offset));
            }
            case PCREL_HI -> {
                long hi = hi20(target - line.anchor);
                check(line, hi, 20);
                line.bits |= (int) (hi & 0xFFFFF) << 12;
                line.text = line.text.formatted("0x%x".formatted(hi & 0xFFFFF));
            }
            case PCREL_LO -> {
                long delta = target - line.anchor;
                int lo = (int) (delta - (hi20(delta) << 12));
                check(line, lo, 12);
                line.bits |= (lo & 0xFFF) << 20;
                line.text = line.text.formatted(Integer.toString(lo));
            }
        }
    }

    /** The AUIPC/LUI part of {@code delta} such that {@code delta - (hi << 12)} fits a signed 12-bit field. */
    static long hi20(long delta) {
        return (delta + 0x800) >> 12;
    }

    private static String dotOffset(long offset) {
        return offset < 0 ? ".-" + -offset : ".+" + offset;
    }

    private static void check(Line line, long value, int bits) {
        if (!Rv.fitsSigned(value, bits)) {
            throw new IllegalStateException("assembler: offset %d does not fit %d bits at 0x%x (%s)".formatted(value,
                    bits, line.pc, line.text));
        }
    }
}
