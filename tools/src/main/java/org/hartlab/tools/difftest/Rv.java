package org.hartlab.tools.difftest;

/**
 * Encoders for the 32-bit RV64IMA + Zicsr + Zifencei instructions the generator emits. Each mnemonic is a
 * {@code match} word (opcode and function fields, from the unprivileged specification's opcode map); the
 * format methods OR the register and immediate fields into it. I- and S-type immediates out of range throw
 * {@link IllegalArgumentException}; the other formats only mask (their callers check ranges).
 */
final class Rv {
    private Rv() {
    }

    /** A mnemonic and the bits that identify it. */
    record Op(String name, int match) {
    }

    // ---- R-type ALU: rd, rs1, rs2 ----
    static final Op ADD = new Op("add", 0x0000_0033);
    static final Op SUB = new Op("sub", 0x4000_0033);
    static final Op SLL = new Op("sll", 0x0000_1033);
    static final Op SLT = new Op("slt", 0x0000_2033);
    static final Op SLTU = new Op("sltu", 0x0000_3033);
    static final Op XOR = new Op("xor", 0x0000_4033);
    static final Op SRL = new Op("srl", 0x0000_5033);
    static final Op SRA = new Op("sra", 0x4000_5033);
    static final Op OR = new Op("or", 0x0000_6033);
    static final Op AND = new Op("and", 0x0000_7033);
    static final Op ADDW = new Op("addw", 0x0000_003B);
    static final Op SUBW = new Op("subw", 0x4000_003B);
    static final Op SLLW = new Op("sllw", 0x0000_103B);
    static final Op SRLW = new Op("srlw", 0x0000_503B);
    static final Op SRAW = new Op("sraw", 0x4000_503B);
    static final Op[] ALU_R = {ADD, SUB, SLL, SLT, SLTU, XOR, SRL, SRA, OR, AND, ADDW, SUBW, SLLW, SRLW, SRAW};

    // ---- M: rd, rs1, rs2 ----
    static final Op MUL = new Op("mul", 0x0200_0033);
    static final Op MULH = new Op("mulh", 0x0200_1033);
    static final Op MULHSU = new Op("mulhsu", 0x0200_2033);
    static final Op MULHU = new Op("mulhu", 0x0200_3033);
    static final Op DIV = new Op("div", 0x0200_4033);
    static final Op DIVU = new Op("divu", 0x0200_5033);
    static final Op REM = new Op("rem", 0x0200_6033);
    static final Op REMU = new Op("remu", 0x0200_7033);
    static final Op MULW = new Op("mulw", 0x0200_003B);
    static final Op DIVW = new Op("divw", 0x0200_403B);
    static final Op DIVUW = new Op("divuw", 0x0200_503B);
    static final Op REMW = new Op("remw", 0x0200_603B);
    static final Op REMUW = new Op("remuw", 0x0200_703B);
    static final Op[] M = {MUL, MULH, MULHSU, MULHU, DIV, DIVU, REM, REMU, MULW, DIVW, DIVUW, REMW, REMUW};

    // ---- I-type ALU: rd, rs1, imm12 ----
    static final Op ADDI = new Op("addi", 0x0000_0013);
    static final Op SLTI = new Op("slti", 0x0000_2013);
    static final Op SLTIU = new Op("sltiu", 0x0000_3013);
    static final Op XORI = new Op("xori", 0x0000_4013);
    static final Op ORI = new Op("ori", 0x0000_6013);
    static final Op ANDI = new Op("andi", 0x0000_7013);
    static final Op ADDIW = new Op("addiw", 0x0000_001B);
    static final Op[] ALU_I = {ADDI, SLTI, SLTIU, XORI, ORI, ANDI, ADDIW};

    // ---- shifts by immediate: 6-bit shamt (64-bit) and 5-bit shamt (W) ----
    static final Op SLLI = new Op("slli", 0x0000_1013);
    static final Op SRLI = new Op("srli", 0x0000_5013);
    static final Op SRAI = new Op("srai", 0x4000_5013);
    static final Op SLLIW = new Op("slliw", 0x0000_101B);
    static final Op SRLIW = new Op("srliw", 0x0000_501B);
    static final Op SRAIW = new Op("sraiw", 0x4000_501B);
    static final Op[] SHIFT64 = {SLLI, SRLI, SRAI};
    static final Op[] SHIFT32 = {SLLIW, SRLIW, SRAIW};

    // ---- loads and stores, indexed by log2(width); loads: signed then unsigned ----
    static final Op[] LOAD = {new Op("lb", 0x0003), new Op("lh", 0x1003), new Op("lw", 0x2003), new Op("ld", 0x3003)};
    static final Op[] LOAD_U = {new Op("lbu", 0x4003), new Op("lhu", 0x5003), new Op("lwu", 0x6003)};
    static final Op[] STORE = {new Op("sb", 0x0023), new Op("sh", 0x1023), new Op("sw", 0x2023), new Op("sd", 0x3023)};

    // ---- control transfer ----
    static final Op[] BRANCH = {new Op("beq", 0x0063), new Op("bne", 0x1063), new Op("blt", 0x4063),
        new Op("bge", 0x5063), new Op("bltu", 0x6063), new Op("bgeu", 0x7063)};
    static final Op LUI = new Op("lui", 0x37);
    static final Op AUIPC = new Op("auipc", 0x17);
    static final Op JAL = new Op("jal", 0x6F);
    static final Op JALR = new Op("jalr", 0x67);

    // ---- A: funct5 in bits 31..27, width in funct3 (2 = .w, 3 = .d) ----
    static final int LR = 0b00010;
    static final int SC = 0b00011;
    static final String[] AMO_NAMES = {"amoswap", "amoadd", "amoxor", "amoand", "amoor", "amomin", "amomax",
        "amominu", "amomaxu"};
    static final int[] AMO_FUNCT5 = {0b00001, 0b00000, 0b00100, 0b01100, 0b01000, 0b10000, 0b10100, 0b11000,
        0b11100};

    // ---- Zicsr, fences ----
    static final Op[] CSR_REG = {new Op("csrrw", 0x1073), new Op("csrrs", 0x2073), new Op("csrrc", 0x3073)};
    static final Op[] CSR_IMM = {new Op("csrrwi", 0x5073), new Op("csrrsi", 0x6073), new Op("csrrci", 0x7073)};
    static final int FENCE = 0x0000_000F;
    static final int FENCE_I = 0x0000_100F;

    static int r(Op op, int rd, int rs1, int rs2) {
        return op.match | rd << 7 | rs1 << 15 | rs2 << 20;
    }

    static int i(Op op, int rd, int rs1, int imm) {
        checkImm12(op, imm);
        return op.match | rd << 7 | rs1 << 15 | (imm & 0xFFF) << 20;
    }

    /** Shift by immediate: {@code shamt} occupies bits 25..20 (6 bits; W forms use only 24..20). */
    static int shift(Op op, int rd, int rs1, int shamt) {
        return op.match | rd << 7 | rs1 << 15 | (shamt & 0x3F) << 20;
    }

    static int s(Op op, int rs1, int rs2, int imm) {
        checkImm12(op, imm);
        return op.match | (imm & 0x1F) << 7 | rs1 << 15 | rs2 << 20 | (imm >> 5 & 0x7F) << 25;
    }

    /** Branch: {@code offset} is even and within ±4 KiB. */
    static int b(Op op, int rs1, int rs2, int offset) {
        return op.match | rs1 << 15 | rs2 << 20 | bImm(offset);
    }

    static int bImm(int offset) {
        return (offset >> 12 & 1) << 31 | (offset >> 5 & 0x3F) << 25 | (offset >> 1 & 0xF) << 8
                | (offset >> 11 & 1) << 7;
    }

    /** U-type: {@code imm20} is the value of bits 31..12. */
    static int u(Op op, int rd, int imm20) {
        return op.match | rd << 7 | (imm20 & 0xFFFFF) << 12;
    }

    /** JAL: {@code offset} is even and within ±1 MiB. */
    static int j(int rd, int offset) {
        return JAL.match | rd << 7 | jImm(offset);
    }

    static int jImm(int offset) {
        return (offset >> 20 & 1) << 31 | (offset >> 1 & 0x3FF) << 21 | (offset >> 11 & 1) << 20
                | (offset >> 12 & 0xFF) << 12;
    }

    static int amo(int funct5, boolean doubleword, boolean aq, boolean rl, int rd, int rs1, int rs2) {
        return funct5 << 27 | (aq ? 1 << 26 : 0) | (rl ? 1 << 25 : 0) | rs2 << 20 | rs1 << 15
                | (doubleword ? 3 : 2) << 12 | rd << 7 | 0x2F;
    }

    static int csr(Op op, int rd, int csr, int rs1OrUimm) {
        return op.match | rd << 7 | rs1OrUimm << 15 | csr << 20;
    }

    /** FENCE with predecessor and successor sets (bits I, O, R, W from 3 down to 0) and fence mode. */
    static int fence(int fm, int pred, int succ) {
        return fm << 28 | pred << 24 | succ << 20 | FENCE;
    }

    private static void checkImm12(Op op, int imm) {
        if (!fitsSigned(imm, 12)) {
            throw new IllegalArgumentException("rv: " + op.name() + " immediate " + imm + " does not fit 12 bits");
        }
    }

    /** The 12-bit sign-extended value of the low bits of {@code v}. */
    static int lo12(long v) {
        return (int) (v << 52 >> 52);
    }

    static boolean fitsSigned(long v, int bits) {
        return v == (v << (64 - bits) >> (64 - bits));
    }
}
