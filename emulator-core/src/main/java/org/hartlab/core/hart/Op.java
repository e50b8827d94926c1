package org.hartlab.core.hart;

/**
 * Operation numbers of decoded instructions. Compressed instructions decode to the base operation they expand
 * to, so the executor has one case per operation. Plain ints (not an enum) so the executor's switch compiles
 * to a bare table jump.
 */
final class Op {
    private Op() {
    }

    static final int ILLEGAL = 0;
    static final int LUI = 1, AUIPC = 2, JAL = 3, JALR = 4;
    static final int BEQ = 5, BNE = 6, BLT = 7, BGE = 8, BLTU = 9, BGEU = 10;
    static final int LB = 11, LH = 12, LW = 13, LD = 14, LBU = 15, LHU = 16, LWU = 17;
    static final int SB = 18, SH = 19, SW = 20, SD = 21;
    static final int ADDI = 22, SLTI = 23, SLTIU = 24, XORI = 25, ORI = 26, ANDI = 27, SLLI = 28, SRLI = 29, SRAI = 30;
    static final int ADD = 31, SUB = 32, SLL = 33, SLT = 34, SLTU = 35, XOR = 36, SRL = 37, SRA = 38, OR = 39, AND = 40;
    static final int ADDIW = 41, SLLIW = 42, SRLIW = 43, SRAIW = 44;
    static final int ADDW = 45, SUBW = 46, SLLW = 47, SRLW = 48, SRAW = 49;
    static final int FENCE = 50, FENCE_I = 51, ECALL = 52, EBREAK = 53, MRET = 54, SRET = 55, WFI = 56, SFENCE_VMA = 57;
    static final int CSRRW = 58, CSRRS = 59, CSRRC = 60, CSRRWI = 61, CSRRSI = 62, CSRRCI = 63;
    static final int MUL = 64, MULH = 65, MULHSU = 66, MULHU = 67, DIV = 68, DIVU = 69, REM = 70, REMU = 71;
    static final int MULW = 72, DIVW = 73, DIVUW = 74, REMW = 75, REMUW = 76;
    static final int LR_W = 77, SC_W = 78, AMOSWAP_W = 79, AMOADD_W = 80, AMOXOR_W = 81, AMOAND_W = 82, AMOOR_W = 83;
    static final int AMOMIN_W = 84, AMOMAX_W = 85, AMOMINU_W = 86, AMOMAXU_W = 87;
    static final int LR_D = 88, SC_D = 89, AMOSWAP_D = 90, AMOADD_D = 91, AMOXOR_D = 92, AMOAND_D = 93, AMOOR_D = 94;
    static final int AMOMIN_D = 95, AMOMAX_D = 96, AMOMINU_D = 97, AMOMAXU_D = 98;
}
