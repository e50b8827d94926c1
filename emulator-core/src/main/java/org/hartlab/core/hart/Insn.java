package org.hartlab.core.hart;

/**
 * One decoded instruction, immutable so that all harts can share a decoded page. Register numbers are already
 * remapped: a destination of x0 becomes {@link Hart#SINK} so the executor writes unconditionally.
 *
 * @param op       an {@link Op} number
 * @param rd       destination register (or {@link Hart#SINK})
 * @param rs1      first source register (the zimm field for CSR immediate forms)
 * @param rs2      second source register
 * @param imm      sign-extended immediate, shift amount, or CSR number
 * @param length   2 for a compressed instruction, 4 otherwise
 * @param bits     the raw instruction bits, for {@code mtval} on an illegal instruction and for tracing
 * @param mnemonic the instruction's name as the specification spells it
 */
public record Insn(int op, int rd, int rs1, int rs2, long imm, int length, int bits, String mnemonic) {
    static Insn illegal(int bits, int length) {
        return new Insn(Op.ILLEGAL, Hart.SINK, 0, 0, 0, length, bits, "illegal");
    }

    @Override
    public String toString() {
        return mnemonic + " rd=" + (rd == Hart.SINK ? 0 : rd) + " rs1=" + rs1 + " rs2=" + rs2 + " imm=" + imm;
    }
}
