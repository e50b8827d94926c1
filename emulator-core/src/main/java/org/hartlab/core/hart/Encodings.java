package org.hartlab.core.hart;

import java.util.List;

/**
 * The 32-bit encodings of RV64IMA + Zicsr + Zifencei + the privileged instructions, as mask/match data. The
 * masks cover every field the specification fixes for the instruction, so anything else is illegal.
 */
final class Encodings {
    private Encodings() {
    }

    private static final int OPC = 0x7F;
    private static final int F3 = 0x707F;
    private static final int F7 = 0xFE00_707F;
    private static final int F6 = 0xFC00_707F;
    private static final int AMO = 0xF800_707F;
    private static final int LRSC = 0xF9F0_707F;
    private static final int EXACT = 0xFFFF_FFFF;

    static final List<Encoding> ALL = List.of(
            e("lui", OPC, 0x37, Format.U, Op.LUI),
            e("auipc", OPC, 0x17, Format.U, Op.AUIPC),
            e("jal", OPC, 0x6F, Format.J, Op.JAL),
            e("jalr", F3, 0x67, Format.I, Op.JALR),
            e("beq", F3, 0x0063, Format.B, Op.BEQ),
            e("bne", F3, 0x1063, Format.B, Op.BNE),
            e("blt", F3, 0x4063, Format.B, Op.BLT),
            e("bge", F3, 0x5063, Format.B, Op.BGE),
            e("bltu", F3, 0x6063, Format.B, Op.BLTU),
            e("bgeu", F3, 0x7063, Format.B, Op.BGEU),
            e("lb", F3, 0x0003, Format.I, Op.LB),
            e("lh", F3, 0x1003, Format.I, Op.LH),
            e("lw", F3, 0x2003, Format.I, Op.LW),
            e("ld", F3, 0x3003, Format.I, Op.LD),
            e("lbu", F3, 0x4003, Format.I, Op.LBU),
            e("lhu", F3, 0x5003, Format.I, Op.LHU),
            e("lwu", F3, 0x6003, Format.I, Op.LWU),
            e("sb", F3, 0x0023, Format.S, Op.SB),
            e("sh", F3, 0x1023, Format.S, Op.SH),
            e("sw", F3, 0x2023, Format.S, Op.SW),
            e("sd", F3, 0x3023, Format.S, Op.SD),
            e("addi", F3, 0x0013, Format.I, Op.ADDI),
            e("slti", F3, 0x2013, Format.I, Op.SLTI),
            e("sltiu", F3, 0x3013, Format.I, Op.SLTIU),
            e("xori", F3, 0x4013, Format.I, Op.XORI),
            e("ori", F3, 0x6013, Format.I, Op.ORI),
            e("andi", F3, 0x7013, Format.I, Op.ANDI),
            e("slli", F6, 0x1013, Format.SHIFT64, Op.SLLI),
            e("srli", F6, 0x5013, Format.SHIFT64, Op.SRLI),
            e("srai", F6, 0x4000_5013, Format.SHIFT64, Op.SRAI),
            e("add", F7, 0x0033, Format.R, Op.ADD),
            e("sub", F7, 0x4000_0033, Format.R, Op.SUB),
            e("sll", F7, 0x1033, Format.R, Op.SLL),
            e("slt", F7, 0x2033, Format.R, Op.SLT),
            e("sltu", F7, 0x3033, Format.R, Op.SLTU),
            e("xor", F7, 0x4033, Format.R, Op.XOR),
            e("srl", F7, 0x5033, Format.R, Op.SRL),
            e("sra", F7, 0x4000_5033, Format.R, Op.SRA),
            e("or", F7, 0x6033, Format.R, Op.OR),
            e("and", F7, 0x7033, Format.R, Op.AND),
            e("addiw", F3, 0x001B, Format.I, Op.ADDIW),
            e("slliw", F7, 0x101B, Format.SHIFT32, Op.SLLIW),
            e("srliw", F7, 0x501B, Format.SHIFT32, Op.SRLIW),
            e("sraiw", F7, 0x4000_501B, Format.SHIFT32, Op.SRAIW),
            e("addw", F7, 0x003B, Format.R, Op.ADDW),
            e("subw", F7, 0x4000_003B, Format.R, Op.SUBW),
            e("sllw", F7, 0x103B, Format.R, Op.SLLW),
            e("srlw", F7, 0x503B, Format.R, Op.SRLW),
            e("sraw", F7, 0x4000_503B, Format.R, Op.SRAW),
            // FENCE's fm/pred/succ/rs1/rd are hints an implementation may ignore; FENCE.I's fields likewise.
            e("fence", F3, 0x000F, Format.NONE, Op.FENCE),
            e("fence.i", F3, 0x100F, Format.NONE, Op.FENCE_I),
            e("ecall", EXACT, 0x0000_0073, Format.NONE, Op.ECALL),
            e("ebreak", EXACT, 0x0010_0073, Format.NONE, Op.EBREAK),
            e("mret", EXACT, 0x3020_0073, Format.NONE, Op.MRET),
            e("sret", EXACT, 0x1020_0073, Format.NONE, Op.SRET),
            e("wfi", EXACT, 0x1050_0073, Format.NONE, Op.WFI),
            e("sfence.vma", 0xFE00_7FFF, 0x1200_0073, Format.NONE, Op.SFENCE_VMA),
            e("csrrw", F3, 0x1073, Format.CSR, Op.CSRRW),
            e("csrrs", F3, 0x2073, Format.CSR, Op.CSRRS),
            e("csrrc", F3, 0x3073, Format.CSR, Op.CSRRC),
            e("csrrwi", F3, 0x5073, Format.CSR, Op.CSRRWI),
            e("csrrsi", F3, 0x6073, Format.CSR, Op.CSRRSI),
            e("csrrci", F3, 0x7073, Format.CSR, Op.CSRRCI),
            e("mul", F7, 0x0200_0033, Format.R, Op.MUL),
            e("mulh", F7, 0x0200_1033, Format.R, Op.MULH),
            e("mulhsu", F7, 0x0200_2033, Format.R, Op.MULHSU),
            e("mulhu", F7, 0x0200_3033, Format.R, Op.MULHU),
            e("div", F7, 0x0200_4033, Format.R, Op.DIV),
            e("divu", F7, 0x0200_5033, Format.R, Op.DIVU),
            e("rem", F7, 0x0200_6033, Format.R, Op.REM),
            e("remu", F7, 0x0200_7033, Format.R, Op.REMU),
            e("mulw", F7, 0x0200_003B, Format.R, Op.MULW),
            e("divw", F7, 0x0200_403B, Format.R, Op.DIVW),
            e("divuw", F7, 0x0200_503B, Format.R, Op.DIVUW),
            e("remw", F7, 0x0200_603B, Format.R, Op.REMW),
            e("remuw", F7, 0x0200_703B, Format.R, Op.REMUW),
            e("lr.w", LRSC, 0x1000_202F, Format.R, Op.LR_W),
            e("sc.w", AMO, 0x1800_202F, Format.R, Op.SC_W),
            e("amoswap.w", AMO, 0x0800_202F, Format.R, Op.AMOSWAP_W),
            e("amoadd.w", AMO, 0x0000_202F, Format.R, Op.AMOADD_W),
            e("amoxor.w", AMO, 0x2000_202F, Format.R, Op.AMOXOR_W),
            e("amoand.w", AMO, 0x6000_202F, Format.R, Op.AMOAND_W),
            e("amoor.w", AMO, 0x4000_202F, Format.R, Op.AMOOR_W),
            e("amomin.w", AMO, 0x8000_202F, Format.R, Op.AMOMIN_W),
            e("amomax.w", AMO, 0xA000_202F, Format.R, Op.AMOMAX_W),
            e("amominu.w", AMO, 0xC000_202F, Format.R, Op.AMOMINU_W),
            e("amomaxu.w", AMO, 0xE000_202F, Format.R, Op.AMOMAXU_W),
            e("lr.d", LRSC, 0x1000_302F, Format.R, Op.LR_D),
            e("sc.d", AMO, 0x1800_302F, Format.R, Op.SC_D),
            e("amoswap.d", AMO, 0x0800_302F, Format.R, Op.AMOSWAP_D),
            e("amoadd.d", AMO, 0x0000_302F, Format.R, Op.AMOADD_D),
            e("amoxor.d", AMO, 0x2000_302F, Format.R, Op.AMOXOR_D),
            e("amoand.d", AMO, 0x6000_302F, Format.R, Op.AMOAND_D),
            e("amoor.d", AMO, 0x4000_302F, Format.R, Op.AMOOR_D),
            e("amomin.d", AMO, 0x8000_302F, Format.R, Op.AMOMIN_D),
            e("amomax.d", AMO, 0xA000_302F, Format.R, Op.AMOMAX_D),
            e("amominu.d", AMO, 0xC000_302F, Format.R, Op.AMOMINU_D),
            e("amomaxu.d", AMO, 0xE000_302F, Format.R, Op.AMOMAXU_D));

    private static Encoding e(String mnemonic, int mask, int match, Format format, int op) {
        return new Encoding(mnemonic, mask, match, format, op);
    }
}
