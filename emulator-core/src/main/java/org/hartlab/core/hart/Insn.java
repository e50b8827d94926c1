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

    /** How an instruction touches memory, for a commit log. */
    public enum Access {
        NONE, LOAD, STORE, FP_STORE, STORE_CONDITIONAL, AMO
    }

    /** What this instruction does to memory (an LR is a {@link Access#LOAD}, an FP load too). */
    public Access access() {
        if (Op.accessBytes(op) == 0) {
            return Access.NONE;
        }
        return switch (op) {
            case Op.SB, Op.SH, Op.SW, Op.SD -> Access.STORE;
            case Op.FSW, Op.FSD -> Access.FP_STORE;
            case Op.SC_W, Op.SC_D -> Access.STORE_CONDITIONAL;
            default -> Op.isAmo(op) ? Access.AMO : Access.LOAD;
        };
    }

    /** Bytes it loads or stores; 0 when it does not access memory. */
    public int accessBytes() {
        return Op.accessBytes(op);
    }

    /** The address it accesses, given its rs1 register's value: rs1 + imm, or rs1 alone for the A extension. */
    public long accessAddress(long rs1Value) {
        return op >= Op.LR_W && op <= Op.AMOMAXU_D ? rs1Value : rs1Value + imm;
    }

    @Override
    public String toString() {
        return mnemonic + " rd=" + (rd == Hart.SINK ? 0 : rd) + " rs1=" + rs1 + " rs2=" + rs2 + " imm=" + imm;
    }
}
