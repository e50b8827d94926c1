package org.hartlab.core.hart;

/**
 * Instruction words built from their fields, one method per RISC-V format (R, I, S, B, J), for test programs
 * longer than {@link HartFixture}'s table of assembled lines.
 */
final class InsnWords {
    private InsnWords() {
    }

    static int r(int opcode, int rd, int funct3, int rs1, int rs2, int funct7) {
        return funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    static int i(int opcode, int rd, int funct3, int rs1, int imm) {
        return imm << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    static int s(int funct3, int rs1, int rs2, int imm) {
        return (imm >> 5) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | (imm & 31) << 7 | 0x23;
    }

    static int b(int funct3, int rs1, int rs2, int imm) {
        return ((imm >> 12) & 1) << 31 | ((imm >> 5) & 0x3F) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12
                | ((imm >> 1) & 0xF) << 8 | ((imm >> 11) & 1) << 7 | 0x63;
    }

    static int j(int imm) {
        return ((imm >> 20) & 1) << 31 | ((imm >> 1) & 0x3FF) << 21 | ((imm >> 11) & 1) << 20
                | ((imm >> 12) & 0xFF) << 12 | 0x6F;
    }

    /** A CSR instruction: funct3 1-3 are CSRRW/S/C, 5-7 their immediate forms. */
    static int csr(int rd, int funct3, int rs1, int number) {
        return i(0x73, rd, funct3, rs1, number);
    }
}
