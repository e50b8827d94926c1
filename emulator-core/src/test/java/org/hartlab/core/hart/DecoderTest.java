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
     * once with GNU as 2.40: {@code riscv64-unknown-elf-as -march=rv64imac_zicsr_zifencei} with
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
            row(0xE074332F, "amomaxu.d x6, x7, (x8)", "amomaxu.d", 6, 8, 7, 0));

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
            00000007 | LOAD-FP opcode (no F extension)
            00000027 | STORE-FP opcode (no F extension)
            00000053 | OP-FP opcode (no F extension)
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
