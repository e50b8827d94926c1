package org.hartlab.core.hart;

import java.util.List;

/**
 * The RV64C encodings, including the double-precision loads and stores of RV64DC, each expanding to its base
 * operation. Order matters where encodings overlap: the more specific
 * entry (C.ADDI16SP, C.JR, C.EBREAK, C.JALR) comes before the general one.
 */
final class CompressedEncodings {
    private CompressedEncodings() {
    }

    private static final int F3 = 0xE003;

    static final List<CompressedEncoding> ALL = List.of(
            c("c.addi4spn", F3, 0x0000, (b, m) -> nonZero(addi4spnImm(b), imm -> insn(Op.ADDI, rdP(b), 2, 0, imm, b, m))),
            c("c.lw", F3, 0x4000, (b, m) -> insn(Op.LW, rdP(b), rs1P(b), 0, wordOffset(b), b, m)),
            c("c.fld", F3, 0x2000, (b, m) -> fpInsn(Op.FLD, rdP(b), rs1P(b), 0, doubleOffset(b), b, m)),
            c("c.ld", F3, 0x6000, (b, m) -> insn(Op.LD, rdP(b), rs1P(b), 0, doubleOffset(b), b, m)),
            c("c.fsd", F3, 0xA000, (b, m) -> insn(Op.FSD, 0, rs1P(b), rdP(b), doubleOffset(b), b, m)),
            c("c.sw", F3, 0xC000, (b, m) -> insn(Op.SW, Hart.SINK, rs1P(b), rdP(b), wordOffset(b), b, m)),
            c("c.sd", F3, 0xE000, (b, m) -> insn(Op.SD, Hart.SINK, rs1P(b), rdP(b), doubleOffset(b), b, m)),
            c("c.addi", F3, 0x0001, (b, m) -> insn(Op.ADDI, rd(b), rd(b), 0, imm6(b), b, m)),
            c("c.addiw", F3, 0x2001, (b, m) -> rd(b) == 0 ? null : insn(Op.ADDIW, rd(b), rd(b), 0, imm6(b), b, m)),
            c("c.li", F3, 0x4001, (b, m) -> insn(Op.ADDI, rd(b), 0, 0, imm6(b), b, m)),
            c("c.addi16sp", 0xEF83, 0x6101, (b, m) -> nonZero(addi16spImm(b), imm -> insn(Op.ADDI, 2, 2, 0, imm, b, m))),
            c("c.lui", F3, 0x6001, (b, m) -> nonZero(imm6(b) << 12, imm -> insn(Op.LUI, rd(b), 0, 0, imm, b, m))),
            c("c.srli", 0xEC03, 0x8001, (b, m) -> insn(Op.SRLI, rs1P(b), rs1P(b), 0, shamt(b), b, m)),
            c("c.srai", 0xEC03, 0x8401, (b, m) -> insn(Op.SRAI, rs1P(b), rs1P(b), 0, shamt(b), b, m)),
            c("c.andi", 0xEC03, 0x8801, (b, m) -> insn(Op.ANDI, rs1P(b), rs1P(b), 0, imm6(b), b, m)),
            c("c.sub", 0xFC63, 0x8C01, (b, m) -> insn(Op.SUB, rs1P(b), rs1P(b), rdP(b), 0, b, m)),
            c("c.xor", 0xFC63, 0x8C21, (b, m) -> insn(Op.XOR, rs1P(b), rs1P(b), rdP(b), 0, b, m)),
            c("c.or", 0xFC63, 0x8C41, (b, m) -> insn(Op.OR, rs1P(b), rs1P(b), rdP(b), 0, b, m)),
            c("c.and", 0xFC63, 0x8C61, (b, m) -> insn(Op.AND, rs1P(b), rs1P(b), rdP(b), 0, b, m)),
            c("c.subw", 0xFC63, 0x9C01, (b, m) -> insn(Op.SUBW, rs1P(b), rs1P(b), rdP(b), 0, b, m)),
            c("c.addw", 0xFC63, 0x9C21, (b, m) -> insn(Op.ADDW, rs1P(b), rs1P(b), rdP(b), 0, b, m)),
            c("c.j", F3, 0xA001, (b, m) -> insn(Op.JAL, 0, 0, 0, jumpOffset(b), b, m)),
            c("c.beqz", F3, 0xC001, (b, m) -> insn(Op.BEQ, 0, rs1P(b), 0, branchOffset(b), b, m)),
            c("c.bnez", F3, 0xE001, (b, m) -> insn(Op.BNE, 0, rs1P(b), 0, branchOffset(b), b, m)),
            c("c.slli", F3, 0x0002, (b, m) -> insn(Op.SLLI, rd(b), rd(b), 0, shamt(b), b, m)),
            c("c.fldsp", F3, 0x2002, (b, m) -> fpInsn(Op.FLD, rd(b), 2, 0, ldspOffset(b), b, m)),
            c("c.lwsp", F3, 0x4002, (b, m) -> rd(b) == 0 ? null : insn(Op.LW, rd(b), 2, 0, lwspOffset(b), b, m)),
            c("c.ldsp", F3, 0x6002, (b, m) -> rd(b) == 0 ? null : insn(Op.LD, rd(b), 2, 0, ldspOffset(b), b, m)),
            c("c.jr", 0xF07F, 0x8002, (b, m) -> rd(b) == 0 ? null : insn(Op.JALR, 0, rd(b), 0, 0, b, m)),
            c("c.mv", 0xF003, 0x8002, (b, m) -> insn(Op.ADD, rd(b), 0, rs2(b), 0, b, m)),
            c("c.ebreak", 0xFFFF, 0x9002, (b, m) -> insn(Op.EBREAK, 0, 0, 0, 0, b, m)),
            c("c.jalr", 0xF07F, 0x9002, (b, m) -> insn(Op.JALR, 1, rd(b), 0, 0, b, m)),
            c("c.add", 0xF003, 0x9002, (b, m) -> insn(Op.ADD, rd(b), rd(b), rs2(b), 0, b, m)),
            c("c.fsdsp", F3, 0xA002, (b, m) -> insn(Op.FSD, 0, 2, rs2(b), sdspOffset(b), b, m)),
            c("c.swsp", F3, 0xC002, (b, m) -> insn(Op.SW, 0, 2, rs2(b), swspOffset(b), b, m)),
            c("c.sdsp", F3, 0xE002, (b, m) -> insn(Op.SD, 0, 2, rs2(b), sdspOffset(b), b, m)));

    private static CompressedEncoding c(String mnemonic, int mask, int match, CompressedEncoding.Expander expander) {
        return new CompressedEncoding(mnemonic, mask, match, expander);
    }

    private static Insn insn(int op, int rd, int rs1, int rs2, long imm, int bits, String mnemonic) {
        return new Insn(op, rd == 0 ? Hart.SINK : rd, rs1, rs2, imm, 2, bits, mnemonic);
    }

    /** Like {@link #insn}, for an f-register destination: f0 is a register like any other. */
    private static Insn fpInsn(int op, int rd, int rs1, int rs2, long imm, int bits, String mnemonic) {
        return new Insn(op, rd, rs1, rs2, imm, 2, bits, mnemonic);
    }

    private static Insn nonZero(long imm, java.util.function.LongFunction<Insn> build) {
        return imm == 0 ? null : build.apply(imm);
    }

    private static int bit(int b, int i) {
        return (b >>> i) & 1;
    }

    private static int field(int b, int hi, int lo) {
        return (b >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    private static int rd(int b) {
        return field(b, 11, 7);
    }

    private static int rs2(int b) {
        return field(b, 6, 2);
    }

    /** The 3-bit register fields (rd', rs2') name x8..x15. */
    private static int rdP(int b) {
        return 8 + field(b, 4, 2);
    }

    private static int rs1P(int b) {
        return 8 + field(b, 9, 7);
    }

    private static long signExtend(int value, int bits) {
        return ((long) value << (64 - bits)) >> (64 - bits);
    }

    private static long imm6(int b) {
        return signExtend(bit(b, 12) << 5 | field(b, 6, 2), 6);
    }

    private static long shamt(int b) {
        return bit(b, 12) << 5 | field(b, 6, 2);
    }

    private static long addi4spnImm(int b) {
        return field(b, 12, 11) << 4 | field(b, 10, 7) << 6 | bit(b, 6) << 2 | bit(b, 5) << 3;
    }

    private static long addi16spImm(int b) {
        return signExtend(bit(b, 12) << 9 | bit(b, 6) << 4 | bit(b, 5) << 6 | field(b, 4, 3) << 7 | bit(b, 2) << 5, 10);
    }

    private static long wordOffset(int b) {
        return field(b, 12, 10) << 3 | bit(b, 6) << 2 | bit(b, 5) << 6;
    }

    private static long doubleOffset(int b) {
        return field(b, 12, 10) << 3 | field(b, 6, 5) << 6;
    }

    private static long lwspOffset(int b) {
        return bit(b, 12) << 5 | field(b, 6, 4) << 2 | field(b, 3, 2) << 6;
    }

    private static long ldspOffset(int b) {
        return bit(b, 12) << 5 | field(b, 6, 5) << 3 | field(b, 4, 2) << 6;
    }

    private static long swspOffset(int b) {
        return field(b, 12, 9) << 2 | field(b, 8, 7) << 6;
    }

    private static long sdspOffset(int b) {
        return field(b, 12, 10) << 3 | field(b, 9, 7) << 6;
    }

    private static long jumpOffset(int b) {
        return signExtend(bit(b, 12) << 11 | bit(b, 11) << 4 | field(b, 10, 9) << 8 | bit(b, 8) << 10
                | bit(b, 7) << 6 | bit(b, 6) << 7 | field(b, 5, 3) << 1 | bit(b, 2) << 5, 12);
    }

    private static long branchOffset(int b) {
        return signExtend(bit(b, 12) << 8 | field(b, 11, 10) << 3 | field(b, 6, 5) << 6 | field(b, 4, 3) << 1
                | bit(b, 2) << 5, 9);
    }
}
