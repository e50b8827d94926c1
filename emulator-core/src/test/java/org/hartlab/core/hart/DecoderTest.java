package org.hartlab.core.hart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The 32-bit decoder against the GNU assembler's encodings, and the encodings it must reject. */
class DecoderTest {
    /** One assembled instruction and the fields its source text names (rd 0 for instructions without rd). */
    record Assembled(int bits, String source, String mnemonic, int rd, int rs1, int rs2, long imm) {
        @Override
        public String toString() {
            return source;
        }
    }

    /** Instructions that have no register or immediate operands the decoder must extract. */
    private static final Set<String> NO_OPERANDS = Set.of("fence", "fence.i", "ecall", "ebreak", "mret", "sret", "wfi");

    /**
     * Every 32-bit encoding of the table, extremes of every immediate format included. The bits were produced
     * once with GNU as 2.40: {@code riscv64-unknown-elf-as -march=rv64imac_zicsr_zifencei} (rv64gc for F and D) with
     * {@code .option norvc} and {@code .option norelax}, linked at 0x8000_0000 by {@code riscv64-unknown-elf-ld}
     * (so pc-relative offsets such as {@code .-4096} are resolved) and read back with
     * {@code riscv64-unknown-elf-objdump -d}. The expected fields are those the source text names.
     */
    static final List<Assembled> ASSEMBLED = List.of(
            row(0xABCDE2B7, "lui x5, 0xabcde", "lui", 5, 0, 0, -0x54322000L),
            row(0x7FFFFFB7, "lui x31, 0x7ffff", "lui", 31, 0, 0, 0x7FFFF000L),
            row(0x80000317, "auipc x6, 0x80000", "auipc", 6, 0, 0, -0x80000000L),
            row(0x7FFFF0EF, "jal x1, .+0xffffe", "jal", 1, 0, 0, 0xFFFFEL),
            row(0x8000006F, "jal x0, .-0x100000", "jal", 0, 0, 0, -0x100000L),
            row(0x0010016F, "jal x2, .+0x800", "jal", 2, 0, 0, 2048),
            row(0x800403E7, "jalr x7, -2048(x8)", "jalr", 7, 8, 0, -2048),
            row(0x7FF08067, "jalr x0, 2047(x1)", "jalr", 0, 1, 0, 2047),
            row(0x7E940FE3, "beq x8, x9, .+4094", "beq", 0, 8, 9, 4094),
            row(0x80B51063, "bne x10, x11, .-4096", "bne", 0, 10, 11, -0x1000L),
            row(0x00D640E3, "blt x12, x13, .+0x800", "blt", 0, 12, 13, 2048),
            row(0x02F75063, "bge x14, x15, .+0x20", "bge", 0, 14, 15, 32),
            row(0xFF186FE3, "bltu x16, x17, .-2", "bltu", 0, 16, 17, -2),
            row(0x7F397F63, "bgeu x18, x19, .+0x7fe", "bgeu", 0, 18, 19, 2046),
            row(0xFFFA8A03, "lb x20, -1(x21)", "lb", 20, 21, 0, -1),
            row(0x7FFB9B03, "lh x22, 2047(x23)", "lh", 22, 23, 0, 2047),
            row(0x800CAC03, "lw x24, -2048(x25)", "lw", 24, 25, 0, -2048),
            row(0x008DBD03, "ld x26, 8(x27)", "ld", 26, 27, 0, 8),
            row(0x000ECE03, "lbu x28, 0(x29)", "lbu", 28, 29, 0, 0),
            row(0xFFEFDF03, "lhu x30, -2(x31)", "lhu", 30, 31, 0, -2),
            row(0x00416083, "lwu x1, 4(x2)", "lwu", 1, 2, 0, 4),
            row(0x80320023, "sb x3, -2048(x4)", "sb", 0, 4, 3, -2048),
            row(0x7E531FA3, "sh x5, 2047(x6)", "sh", 0, 6, 5, 2047),
            row(0xFE742FA3, "sw x7, -1(x8)", "sw", 0, 8, 7, -1),
            row(0x7E953023, "sd x9, 0x7e0(x10)", "sd", 0, 10, 9, 2016),
            row(0x00B63FA3, "sd x11, 31(x12)", "sd", 0, 12, 11, 31),
            row(0x80060593, "addi x11, x12, -2048", "addi", 11, 12, 0, -2048),
            row(0x7FF72693, "slti x13, x14, 2047", "slti", 13, 14, 0, 2047),
            row(0xFFF83793, "sltiu x15, x16, -1", "sltiu", 15, 16, 0, -1),
            row(0xFFF94893, "xori x17, x18, -1", "xori", 17, 18, 0, -1),
            row(0x555A6993, "ori x19, x20, 0x555", "ori", 19, 20, 0, 1365),
            row(0x801B7A93, "andi x21, x22, -0x7ff", "andi", 21, 22, 0, -2047),
            row(0x03FC1B93, "slli x23, x24, 63", "slli", 23, 24, 0, 63),
            row(0x020D5C93, "srli x25, x26, 32", "srli", 25, 26, 0, 32),
            row(0x401E5D93, "srai x27, x28, 1", "srai", 27, 28, 0, 1),
            row(0x43FF5E93, "srai x29, x30, 63", "srai", 29, 30, 0, 63),
            row(0x007302B3, "add x5, x6, x7", "add", 5, 6, 7, 0),
            row(0x40A48433, "sub x8, x9, x10", "sub", 8, 9, 10, 0),
            row(0x00D615B3, "sll x11, x12, x13", "sll", 11, 12, 13, 0),
            row(0x0107A733, "slt x14, x15, x16", "slt", 14, 15, 16, 0),
            row(0x013938B3, "sltu x17, x18, x19", "sltu", 17, 18, 19, 0),
            row(0x016ACA33, "xor x20, x21, x22", "xor", 20, 21, 22, 0),
            row(0x019C5BB3, "srl x23, x24, x25", "srl", 23, 24, 25, 0),
            row(0x41CDDD33, "sra x26, x27, x28", "sra", 26, 27, 28, 0),
            row(0x01FF6EB3, "or x29, x30, x31", "or", 29, 30, 31, 0),
            row(0x003170B3, "and x1, x2, x3", "and", 1, 2, 3, 0),
            row(0xFFF3029B, "addiw x5, x6, -1", "addiw", 5, 6, 0, -1),
            row(0x01F4139B, "slliw x7, x8, 31", "slliw", 7, 8, 0, 31),
            row(0x01F5549B, "srliw x9, x10, 31", "srliw", 9, 10, 0, 31),
            row(0x41F6559B, "sraiw x11, x12, 31", "sraiw", 11, 12, 0, 31),
            row(0x4007569B, "sraiw x13, x14, 0", "sraiw", 13, 14, 0, 0),
            row(0x011807BB, "addw x15, x16, x17", "addw", 15, 16, 17, 0),
            row(0x4149893B, "subw x18, x19, x20", "subw", 18, 19, 20, 0),
            row(0x017B1ABB, "sllw x21, x22, x23", "sllw", 21, 22, 23, 0),
            row(0x01ACDC3B, "srlw x24, x25, x26", "srlw", 24, 25, 26, 0),
            row(0x41DE5DBB, "sraw x27, x28, x29", "sraw", 27, 28, 29, 0),
            row(0x0FF0000F, "fence iorw, iorw", "fence", 0, 0, 0, 0),
            row(0x0210000F, "fence r, w", "fence", 0, 0, 0, 0),
            row(0x8330000F, "fence.tso", "fence", 0, 0, 0, 0),
            row(0x0000100F, "fence.i", "fence.i", 0, 0, 0, 0),
            row(0x00000073, "ecall", "ecall", 0, 0, 0, 0),
            row(0x00100073, "ebreak", "ebreak", 0, 0, 0, 0),
            row(0x30200073, "mret", "mret", 0, 0, 0, 0),
            row(0x10200073, "sret", "sret", 0, 0, 0, 0),
            row(0x10500073, "wfi", "wfi", 0, 0, 0, 0),
            row(0x12628073, "sfence.vma x5, x6", "sfence.vma", 0, 5, 6, 0),
            row(0x12000073, "sfence.vma x0, x0", "sfence.vma", 0, 0, 0, 0),
            row(0x305312F3, "csrrw x5, 0x305, x6", "csrrw", 5, 6, 0, 773),
            row(0xFFF423F3, "csrrs x7, 0xfff, x8", "csrrs", 7, 8, 0, 4095),
            row(0xC00534F3, "csrrc x9, 0xc00, x10", "csrrc", 9, 10, 0, 3072),
            row(0x140FD5F3, "csrrwi x11, 0x140, 31", "csrrwi", 11, 31, 0, 320),
            row(0x8000E673, "csrrsi x12, 0x800, 1", "csrrsi", 12, 1, 0, 2048),
            row(0x7FF87073, "csrrci x0, 0x7ff, 16", "csrrci", 0, 16, 0, 2047),
            row(0x027302B3, "mul x5, x6, x7", "mul", 5, 6, 7, 0),
            row(0x02A49433, "mulh x8, x9, x10", "mulh", 8, 9, 10, 0),
            row(0x02D625B3, "mulhsu x11, x12, x13", "mulhsu", 11, 12, 13, 0),
            row(0x0307B733, "mulhu x14, x15, x16", "mulhu", 14, 15, 16, 0),
            row(0x033948B3, "div x17, x18, x19", "div", 17, 18, 19, 0),
            row(0x036ADA33, "divu x20, x21, x22", "divu", 20, 21, 22, 0),
            row(0x039C6BB3, "rem x23, x24, x25", "rem", 23, 24, 25, 0),
            row(0x03CDFD33, "remu x26, x27, x28", "remu", 26, 27, 28, 0),
            row(0x03FF0EBB, "mulw x29, x30, x31", "mulw", 29, 30, 31, 0),
            row(0x023140BB, "divw x1, x2, x3", "divw", 1, 2, 3, 0),
            row(0x0262D23B, "divuw x4, x5, x6", "divuw", 4, 5, 6, 0),
            row(0x029463BB, "remw x7, x8, x9", "remw", 7, 8, 9, 0),
            row(0x02C5F53B, "remuw x10, x11, x12", "remuw", 10, 11, 12, 0),
            row(0x100322AF, "lr.w x5, (x6)", "lr.w", 5, 6, 0, 0),
            row(0x160423AF, "lr.w.aqrl x7, (x8)", "lr.w", 7, 8, 0, 0),
            row(0x18A5A4AF, "sc.w x9, x10, (x11)", "sc.w", 9, 11, 10, 0),
            row(0x0CD7262F, "amoswap.w.aq x12, x13, (x14)", "amoswap.w", 12, 14, 13, 0),
            row(0x0108A7AF, "amoadd.w x15, x16, (x17)", "amoadd.w", 15, 17, 16, 0),
            row(0x233A292F, "amoxor.w.rl x18, x19, (x20)", "amoxor.w", 18, 20, 19, 0),
            row(0x616BAAAF, "amoand.w x21, x22, (x23)", "amoand.w", 21, 23, 22, 0),
            row(0x419D2C2F, "amoor.w x24, x25, (x26)", "amoor.w", 24, 26, 25, 0),
            row(0x81CEADAF, "amomin.w x27, x28, (x29)", "amomin.w", 27, 29, 28, 0),
            row(0xA1F0AF2F, "amomax.w x30, x31, (x1)", "amomax.w", 30, 1, 31, 0),
            row(0xC032212F, "amominu.w x2, x3, (x4)", "amominu.w", 2, 4, 3, 0),
            row(0xE663A2AF, "amomaxu.w.aqrl x5, x6, (x7)", "amomaxu.w", 5, 7, 6, 0),
            row(0x1404B42F, "lr.d.aq x8, (x9)", "lr.d", 8, 9, 0, 0),
            row(0x1AB6352F, "sc.d.rl x10, x11, (x12)", "sc.d", 10, 12, 11, 0),
            row(0x08E7B6AF, "amoswap.d x13, x14, (x15)", "amoswap.d", 13, 15, 14, 0),
            row(0x0119382F, "amoadd.d x16, x17, (x18)", "amoadd.d", 16, 18, 17, 0),
            row(0x214AB9AF, "amoxor.d x19, x20, (x21)", "amoxor.d", 19, 21, 20, 0),
            row(0x617C3B2F, "amoand.d x22, x23, (x24)", "amoand.d", 22, 24, 23, 0),
            row(0x41ADBCAF, "amoor.d x25, x26, (x27)", "amoor.d", 25, 27, 26, 0),
            row(0x81DF3E2F, "amomin.d x28, x29, (x30)", "amomin.d", 28, 30, 29, 0),
            row(0xA0113FAF, "amomax.d x31, x1, (x2)", "amomax.d", 31, 2, 1, 0),
            row(0xC042B1AF, "amominu.d x3, x4, (x5)", "amominu.d", 3, 5, 4, 0),
            row(0xE074332F, "amomaxu.d x6, x7, (x8)", "amomaxu.d", 6, 8, 7, 0),
            // F and D (-march=rv64gc); imm is the rm field (rs3 << 3 | rm for the fused forms), or funct3
            // where funct3 selects the operation. GNU as writes rm=000 for the exact FCVT.D.W/WU and FCVT.D.S.
            row(0x80012087, "flw f1, -2048(x2)", "flw", 1, 2, 0, -2048),
            row(0x7E322FA7, "fsw f3, 2047(x4)", "fsw", 0, 4, 3, 2047),
            row(0xF87302C3, "fmadd.s f5, f6, f7, f31, rne", "fmadd.s", 5, 6, 7, 248),
            row(0xF0839347, "fmsub.s f6, f7, f8, f30, rtz", "fmsub.s", 6, 7, 8, 241),
            row(0xE89423CB, "fnmsub.s f7, f8, f9, f29, rdn", "fnmsub.s", 7, 8, 9, 234),
            row(0xE0A4F44F, "fnmadd.s f8, f9, f10, f28, dyn", "fnmadd.s", 8, 9, 10, 231),
            row(0x00C5B553, "fadd.s f10, f11, f12, rup", "fadd.s", 10, 11, 12, 3),
            row(0x08D645D3, "fsub.s f11, f12, f13, rmm", "fsub.s", 11, 12, 13, 4),
            row(0x10E68653, "fmul.s f12, f13, f14, rne", "fmul.s", 12, 13, 14, 0),
            row(0x18F776D3, "fdiv.s f13, f14, f15, dyn", "fdiv.s", 13, 14, 15, 7),
            row(0x580F1FD3, "fsqrt.s f31, f30, rtz", "fsqrt.s", 31, 30, 0, 1),
            row(0x203100D3, "fsgnj.s f1, f2, f3", "fsgnj.s", 1, 2, 3, 0),
            row(0x20419153, "fsgnjn.s f2, f3, f4", "fsgnjn.s", 2, 3, 4, 1),
            row(0x205221D3, "fsgnjx.s f3, f4, f5", "fsgnjx.s", 3, 4, 5, 2),
            row(0x28A48453, "fmin.s f8, f9, f10", "fmin.s", 8, 9, 10, 0),
            row(0x28B514D3, "fmax.s f9, f10, f11", "fmax.s", 9, 10, 11, 1),
            row(0xC00A9A53, "fcvt.w.s x20, f21, rtz", "fcvt.w.s", 20, 21, 0, 1),
            row(0xD00AAA53, "fcvt.s.w f20, x21, rdn", "fcvt.s.w", 20, 21, 0, 2),
            row(0xC01B1AD3, "fcvt.wu.s x21, f22, rtz", "fcvt.wu.s", 21, 22, 1, 1),
            row(0xD01B2AD3, "fcvt.s.wu f21, x22, rdn", "fcvt.s.wu", 21, 22, 1, 2),
            row(0xC02B9B53, "fcvt.l.s x22, f23, rtz", "fcvt.l.s", 22, 23, 2, 1),
            row(0xD02BAB53, "fcvt.s.l f22, x23, rdn", "fcvt.s.l", 22, 23, 2, 2),
            row(0xC03C1BD3, "fcvt.lu.s x23, f24, rtz", "fcvt.lu.s", 23, 24, 3, 1),
            row(0xD03C2BD3, "fcvt.s.lu f23, x24, rdn", "fcvt.s.lu", 23, 24, 3, 2),
            row(0xE00302D3, "fmv.x.w x5, f6", "fmv.x.w", 5, 6, 0, 0),
            row(0xF00403D3, "fmv.w.x f7, x8", "fmv.w.x", 7, 8, 0, 0),
            row(0xA0F726D3, "feq.s x13, f14, f15", "feq.s", 13, 14, 15, 2),
            row(0xA0E69653, "flt.s x12, f13, f14", "flt.s", 12, 13, 14, 1),
            row(0xA0D605D3, "fle.s x11, f12, f13", "fle.s", 11, 12, 13, 0),
            row(0xE0079753, "fclass.s x14, f15", "fclass.s", 14, 15, 0, 1),
            row(0x80013087, "fld f1, -2048(x2)", "fld", 1, 2, 0, -2048),
            row(0x7E323FA7, "fsd f3, 2047(x4)", "fsd", 0, 4, 3, 2047),
            row(0xFA7302C3, "fmadd.d f5, f6, f7, f31, rne", "fmadd.d", 5, 6, 7, 248),
            row(0xF2839347, "fmsub.d f6, f7, f8, f30, rtz", "fmsub.d", 6, 7, 8, 241),
            row(0xEA9423CB, "fnmsub.d f7, f8, f9, f29, rdn", "fnmsub.d", 7, 8, 9, 234),
            row(0xE2A4F44F, "fnmadd.d f8, f9, f10, f28, dyn", "fnmadd.d", 8, 9, 10, 231),
            row(0x02C5B553, "fadd.d f10, f11, f12, rup", "fadd.d", 10, 11, 12, 3),
            row(0x0AD645D3, "fsub.d f11, f12, f13, rmm", "fsub.d", 11, 12, 13, 4),
            row(0x12E68653, "fmul.d f12, f13, f14, rne", "fmul.d", 12, 13, 14, 0),
            row(0x1AF776D3, "fdiv.d f13, f14, f15, dyn", "fdiv.d", 13, 14, 15, 7),
            row(0x5A0F1FD3, "fsqrt.d f31, f30, rtz", "fsqrt.d", 31, 30, 0, 1),
            row(0x223100D3, "fsgnj.d f1, f2, f3", "fsgnj.d", 1, 2, 3, 0),
            row(0x22419153, "fsgnjn.d f2, f3, f4", "fsgnjn.d", 2, 3, 4, 1),
            row(0x225221D3, "fsgnjx.d f3, f4, f5", "fsgnjx.d", 3, 4, 5, 2),
            row(0x2AA48453, "fmin.d f8, f9, f10", "fmin.d", 8, 9, 10, 0),
            row(0x2AB514D3, "fmax.d f9, f10, f11", "fmax.d", 9, 10, 11, 1),
            row(0xC20A9A53, "fcvt.w.d x20, f21, rtz", "fcvt.w.d", 20, 21, 0, 1),
            row(0xD20A8A53, "fcvt.d.w f20, x21", "fcvt.d.w", 20, 21, 0, 0),
            row(0xC21B1AD3, "fcvt.wu.d x21, f22, rtz", "fcvt.wu.d", 21, 22, 1, 1),
            row(0xD21B0AD3, "fcvt.d.wu f21, x22", "fcvt.d.wu", 21, 22, 1, 0),
            row(0xC22B9B53, "fcvt.l.d x22, f23, rtz", "fcvt.l.d", 22, 23, 2, 1),
            row(0xD22BAB53, "fcvt.d.l f22, x23, rdn", "fcvt.d.l", 22, 23, 2, 2),
            row(0xC23C1BD3, "fcvt.lu.d x23, f24, rtz", "fcvt.lu.d", 23, 24, 3, 1),
            row(0xD23C2BD3, "fcvt.d.lu f23, x24, rdn", "fcvt.d.lu", 23, 24, 3, 2),
            row(0xE20302D3, "fmv.x.d x5, f6", "fmv.x.d", 5, 6, 0, 0),
            row(0xF20403D3, "fmv.d.x f7, x8", "fmv.d.x", 7, 8, 0, 0),
            row(0xA2F726D3, "feq.d x13, f14, f15", "feq.d", 13, 14, 15, 2),
            row(0xA2E69653, "flt.d x12, f13, f14", "flt.d", 12, 13, 14, 1),
            row(0xA2D605D3, "fle.d x11, f12, f13", "fle.d", 11, 12, 13, 0),
            row(0xE2079753, "fclass.d x14, f15", "fclass.d", 14, 15, 0, 1),
            row(0x4018C853, "fcvt.s.d f16, f17, rmm", "fcvt.s.d", 16, 17, 1, 4),
            row(0x42098953, "fcvt.d.s f18, f19", "fcvt.d.s", 18, 19, 0, 0));

    private static Assembled row(int bits, String source, String mnemonic, int rd, int rs1, int rs2, long imm) {
        return new Assembled(bits, source, mnemonic, rd, rs1, rs2, imm);
    }

    static Stream<Assembled> assembled() {
        return ASSEMBLED.stream();
    }

    static Stream<Assembled> assembledWithOperands() {
        return ASSEMBLED.stream().filter(a -> !NO_OPERANDS.contains(a.mnemonic()));
    }

    /** The register number an {@link Insn} holds for a destination: x0 is remapped to the sink. */
    private static int destination(int rd) {
        return rd == 0 ? Hart.SINK : rd;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assembled")
    void assembledInstructionDecodesToItsMnemonic(Assembled a) {
        assertThat(Decoder.decode(a.bits()).mnemonic()).isEqualTo(a.mnemonic());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assembled")
    void assembledInstructionDecodesToTheOpOfItsMnemonic(Assembled a) {
        assertThat(Decoder.decode(a.bits()).op()).isEqualTo(HartFixture.opNamed(a.mnemonic()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assembled")
    void assembledInstructionIsFourBytesLongAndKeepsItsBits(Assembled a) {
        Insn insn = Decoder.decode(a.bits());

        assertThat(insn.length()).isEqualTo(4);
        assertThat(insn.bits()).isEqualTo(a.bits());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assembledWithOperands")
    void assembledInstructionDecodesTheRegistersItsSourceNames(Assembled a) {
        Insn insn = Decoder.decode(a.bits());

        assertThat(List.of(insn.rd(), insn.rs1(), insn.rs2()))
                .as("rd, rs1, rs2")
                .containsExactly(destination(a.rd()), a.rs1(), a.rs2());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assembledWithOperands")
    void assembledInstructionDecodesTheSignExtendedImmediateItsSourceNames(Assembled a) {
        assertThat(Decoder.decode(a.bits()).imm()).isEqualTo(a.imm());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assembled")
    void assembledInstructionMatchesExactlyOneTableEntry(Assembled a) {
        assertThat(Encodings.ALL.stream().filter(e -> e.matches(a.bits())).map(Encoding::mnemonic))
                .containsExactly(a.mnemonic());
    }

    @Test
    void theAssembledInstructionsCoverEveryEncodingInTheTable() {
        Set<String> covered = ASSEMBLED.stream().map(Assembled::mnemonic).collect(Collectors.toSet());

        assertThat(Encodings.ALL.stream().map(Encoding::mnemonic)).allMatch(covered::contains);
    }

    @Test
    void destinationX0DecodesToTheSinkRegister() {
        assertThat(Decoder.decode(0x0000_0013).rd()).isEqualTo(Hart.SINK); // addi x0, x0, 0
    }

    @Test
    void anFpDestinationF0IsARealRegister() {
        assertThat(Decoder.decode(0x0273_7053).rd()).isZero(); // fadd.d f0, f6, f7
    }

    @Test
    void rv64ShiftAmountUsesSixBits() {
        assertThat(Decoder.decode(0x03FC_1B93).imm()).isEqualTo(63); // slli x23, x24, 63
    }

    @Test
    void wordShiftAmountUsesFiveBits() {
        assertThat(Decoder.decode(0x41F6_559B).imm()).isEqualTo(31); // sraiw x11, x12, 31
    }

    @Test
    void csrNumberIsZeroExtended() {
        assertThat(Decoder.decode(0xFFF4_23F3).imm()).isEqualTo(0xFFF); // csrrs x7, 0xfff, x8
    }

    @Test
    void csrImmediateFormCarriesTheZimmInRs1() {
        assertThat(Decoder.decode(0x140F_D5F3).rs1()).isEqualTo(31); // csrrwi x11, 0x140, 31
    }

    /**
     * FENCE.I's imm, rs1 and rd are reserved for finer-grained fences; the Zifencei chapter says base
     * implementations shall ignore them. Likewise FENCE's unused fields and unknown fm values.
     */
    @ParameterizedTest(name = "0x{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            FFFF9F8F | fence.i | fence.i with imm=0xfff, rs1=x31, rd=x31
            0000900F | fence.i | fence.i with rs1=x1
            0010108F | fence.i | fence.i with imm=1, rd=x1
            FFFF8F8F | fence   | fence with fm=0xf, rs1=x31, rd=x31
            """)
    void reservedFieldsOfFencesAreIgnored(String hex, String mnemonic, String description) {
        assertThat(Decoder.decode(Integer.parseUnsignedInt(hex, 16)).mnemonic()).isEqualTo(mnemonic);
    }

    @ParameterizedTest(name = "0x{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            FFFFFFFF | all ones
            0000000B | custom-0 opcode
            00001007 | LOAD-FP funct3=001 (FLH: no Zfh)
            00001027 | STORE-FP funct3=001 (FSH: no Zfh)
            04000053 | OP-FP fmt=10 (FADD.H: no Zfh)
            06000043 | MADD fmt=11 (FMADD.Q: no Q)
            5A1000D3 | FSQRT.D with rs2=x1
            C0400053 | FCVT with rs2=4
            E0002053 | FMV.X.W space funct3=010
            20003053 | FSGNJ.S funct3=011
            28002053 | FMIN.S space funct3=010
            A0003053 | FEQ.S space funct3=011
            00000057 | OP-V opcode (no V extension)
            00000077 | reserved opcode 1110111
            0000007F | opcode of a longer-than-48-bit instruction
            00007003 | LOAD funct3=111
            00004023 | STORE funct3=100
            00002063 | BRANCH funct3=010
            00003063 | BRANCH funct3=011
            00001067 | JALR funct3=001
            40001033 | OP funct7=0100000 with funct3=001
            20000033 | OP funct7=0010000
            40007033 | OP funct7=0100000 with funct3=111
            0000203B | OP-32 funct3=010
            4000103B | OP-32 funct7=0100000 with funct3=001
            0200103B | OP-32 funct7=0000001 with funct3=001 (no mulw-space op)
            0200203B | OP-32 funct7=0000001 with funct3=010
            8000003B | OP-32 funct7=1000000
            04001013 | SLLI with imm[6] (bit 26) set
            80005013 | SRLI with imm[11] set
            60005013 | SRAI with imm[9] set
            0200101B | SLLIW with shamt[5] (bit 25) set
            0200501B | SRLIW with shamt[5] (bit 25) set
            4200501B | SRAIW with shamt[5] (bit 25) set
            0000201B | OP-IMM-32 funct3=010
            0000401B | OP-IMM-32 funct3=100
            0000200F | MISC-MEM funct3=010
            0000700F | MISC-MEM funct3=111
            00004073 | SYSTEM funct3=100
            00200073 | URET (not in the privileged spec any more)
            000000F3 | ECALL with rd=x1
            00108073 | EBREAK with rs1=x1
            30208073 | MRET with rs1=x1
            102000F3 | SRET with rd=x1
            120000F3 | SFENCE.VMA with rd=x1
            1010202F | LR.W with rs2=x1
            11F0302F | LR.D with rs2=x31
            0000102F | AMO funct3=001
            0000402F | AMO funct3=100
            2800202F | AMO funct5=00101
            """)
    void reservedEncodingDecodesAsIllegal(String hex, String description) {
        assertThat(Decoder.decode(Integer.parseUnsignedInt(hex, 16)).op()).isEqualTo(Op.ILLEGAL);
    }

    @Test
    void illegalInstructionKeepsItsBitsForMtval() {
        assertThat(Decoder.decode(0x1010_202F).bits()).isEqualTo(0x1010_202F); // lr.w with rs2=x1
    }

    @Test
    void illegalWordIsFourBytesLong() {
        assertThat(Decoder.decode(0xFFFF_FFFF).length()).isEqualTo(4);
    }

    @Test
    void allZeroWordIsTheIllegalCompressedInstruction() {
        Insn insn = Decoder.decode(0);

        assertThat(insn.op()).isEqualTo(Op.ILLEGAL);
        assertThat(insn.length()).isEqualTo(2);
    }
}
