package org.hartlab.core.hart;

/** How the operand fields of a 32-bit instruction are laid out (the base formats of the unprivileged spec). */
enum Format {
    R, I, S, B, U, J,
    /** I-type with a 6-bit shift amount (RV64 SLLI/SRLI/SRAI). */
    SHIFT64,
    /** I-type with a 5-bit shift amount (the *IW shifts). */
    SHIFT32,
    /** CSR number in imm, rs1 holds a register or the 5-bit zimm. */
    CSR,
    /** No operands beyond the opcode (FENCE, ECALL, MRET, ...). */
    NONE,
    /** FLW/FLD: I-type whose rd names an f register, so f0 stays f0. */
    FP_LOAD,
    /** An FP operation with an f-register destination; imm holds the rm field. */
    FP_R,
    /** FMADD and friends: f-register destination; imm holds rs3 &lt;&lt; 3 | rm. */
    FP_R4,
    /** An FP operation with an x-register destination (FCVT to integer, compares, FMV.X, FCLASS); imm holds rm. */
    FP_TO_X;

    Insn decode(int bits, Encoding e) {
        int rd = Decoder.rd(bits);
        int rs1 = (bits >>> 15) & 31;
        int rs2 = (bits >>> 20) & 31;
        return switch (this) {
            case R -> new Insn(e.op(), rd, rs1, rs2, 0, 4, bits, e.mnemonic());
            case I -> new Insn(e.op(), rd, rs1, 0, bits >> 20, 4, bits, e.mnemonic());
            case S -> new Insn(e.op(), Hart.SINK, rs1, rs2, ((bits >> 25) << 5) | ((bits >>> 7) & 31), 4, bits,
                    e.mnemonic());
            case B -> new Insn(e.op(), Hart.SINK, rs1, rs2, branchOffset(bits), 4, bits, e.mnemonic());
            case U -> new Insn(e.op(), rd, 0, 0, bits & 0xFFFF_F000, 4, bits, e.mnemonic());
            case J -> new Insn(e.op(), rd, 0, 0, jumpOffset(bits), 4, bits, e.mnemonic());
            case SHIFT64 -> new Insn(e.op(), rd, rs1, 0, (bits >>> 20) & 63, 4, bits, e.mnemonic());
            case SHIFT32 -> new Insn(e.op(), rd, rs1, 0, (bits >>> 20) & 31, 4, bits, e.mnemonic());
            case CSR -> new Insn(e.op(), rd, rs1, 0, (bits >>> 20) & 0xFFF, 4, bits, e.mnemonic());
            case NONE -> new Insn(e.op(), Hart.SINK, rs1, rs2, 0, 4, bits, e.mnemonic());
            case FP_LOAD -> new Insn(e.op(), (bits >>> 7) & 31, rs1, 0, bits >> 20, 4, bits, e.mnemonic());
            case FP_R -> new Insn(e.op(), (bits >>> 7) & 31, rs1, rs2, rm(bits), 4, bits, e.mnemonic());
            case FP_R4 -> new Insn(e.op(), (bits >>> 7) & 31, rs1, rs2, (bits >>> 27) << 3 | rm(bits), 4, bits,
                    e.mnemonic());
            case FP_TO_X -> new Insn(e.op(), rd, rs1, rs2, rm(bits), 4, bits, e.mnemonic());
        };
    }

    private static int rm(int bits) {
        return (bits >>> 12) & 7;
    }

    private static long branchOffset(int bits) {
        int imm = ((bits >> 31) << 12)          // imm[12], sign
                | (((bits >>> 7) & 1) << 11)     // imm[11]
                | (((bits >>> 25) & 0x3F) << 5)  // imm[10:5]
                | (((bits >>> 8) & 0xF) << 1);   // imm[4:1]
        return imm;
    }

    private static long jumpOffset(int bits) {
        int imm = ((bits >> 31) << 20)           // imm[20], sign
                | (bits & 0xFF000)               // imm[19:12]
                | (((bits >>> 20) & 1) << 11)    // imm[11]
                | (((bits >>> 21) & 0x3FF) << 1); // imm[10:1]
        return imm;
    }
}
