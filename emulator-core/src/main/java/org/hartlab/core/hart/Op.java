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

    /** F and D: every operation from here on belongs to {@link Fpu}. */
    static final int FP_FIRST = 100;
    static final int FLW = 100, FLD = 101, FSW = 102, FSD = 103;
    static final int FMADD_S = 104, FMSUB_S = 105, FNMSUB_S = 106, FNMADD_S = 107;
    static final int FADD_S = 108, FSUB_S = 109, FMUL_S = 110, FDIV_S = 111, FSQRT_S = 112;
    static final int FSGNJ_S = 113, FSGNJN_S = 114, FSGNJX_S = 115, FMIN_S = 116, FMAX_S = 117;
    static final int FCVT_W_S = 118, FCVT_WU_S = 119, FCVT_L_S = 120, FCVT_LU_S = 121;
    static final int FCVT_S_W = 122, FCVT_S_WU = 123, FCVT_S_L = 124, FCVT_S_LU = 125;
    static final int FMV_X_W = 126, FMV_W_X = 127, FEQ_S = 128, FLT_S = 129, FLE_S = 130, FCLASS_S = 131;
    static final int FMADD_D = 132, FMSUB_D = 133, FNMSUB_D = 134, FNMADD_D = 135;
    static final int FADD_D = 136, FSUB_D = 137, FMUL_D = 138, FDIV_D = 139, FSQRT_D = 140;
    static final int FSGNJ_D = 141, FSGNJN_D = 142, FSGNJX_D = 143, FMIN_D = 144, FMAX_D = 145;
    static final int FCVT_W_D = 146, FCVT_WU_D = 147, FCVT_L_D = 148, FCVT_LU_D = 149;
    static final int FCVT_D_W = 150, FCVT_D_WU = 151, FCVT_D_L = 152, FCVT_D_LU = 153;
    static final int FMV_X_D = 154, FMV_D_X = 155, FEQ_D = 156, FLT_D = 157, FLE_D = 158, FCLASS_D = 159;
    static final int FCVT_S_D = 160, FCVT_D_S = 161;

    /** Bytes a load, store, LR, SC or AMO accesses; 0 for an operation that does not access memory. */
    static int accessBytes(int op) {
        return switch (op) {
            case LB, LBU, SB -> 1;
            case LH, LHU, SH -> 2;
            case LW, LWU, SW, FLW, FSW -> 4;
            case LD, SD, FLD, FSD -> 8;
            default -> op >= LR_W && op <= AMOMAXU_W ? 4 : op >= LR_D && op <= AMOMAXU_D ? 8 : 0;
        };
    }

    /** A read-modify-write AMO (not LR or SC). */
    static boolean isAmo(int op) {
        return op >= AMOSWAP_W && op <= AMOMAXU_W || op >= AMOSWAP_D && op <= AMOMAXU_D;
    }
}
