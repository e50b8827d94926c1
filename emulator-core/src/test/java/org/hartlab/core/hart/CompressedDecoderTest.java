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

/** The 16-bit decoder: every RV64C form expands to its base operation, and the reserved corners are illegal. */
class CompressedDecoderTest {
    /**
     * One assembled compressed instruction, the base operation it expands to and that operation's fields
     * (rd 0 for expansions without a destination, which the decoder remaps to the sink).
     */
    record Assembled(int bits, String source, String mnemonic, String baseOp, int rd, int rs1, int rs2, long imm) {
        @Override
        public String toString() {
            return source;
        }
    }

    /**
     * Every RV64C form with its smallest, largest and negative immediates and bit patterns that exercise each
     * scrambled immediate bit. Produced once with GNU as 2.40: {@code riscv64-unknown-elf-as -march=rv64imac}
     * with {@code .option rvc} and {@code .option norelax}, linked at 0x8000_0000 by {@code riscv64-unknown-elf-ld}
     * and read back with {@code riscv64-unknown-elf-objdump -d -M no-aliases,numeric}. The expansions are those
     * of the RVC chapter of the unprivileged specification.
     */
    static final List<Assembled> ASSEMBLED = List.of(
            row(0x0040, "c.addi4spn x8, sp, 4", "c.addi4spn", "addi", 8, 2, 0, 4),
            row(0x1FFC, "c.addi4spn x15, sp, 1020", "c.addi4spn", "addi", 15, 2, 0, 1020),
            row(0x0024, "c.addi4spn x9, sp, 8", "c.addi4spn", "addi", 9, 2, 0, 8),
            row(0x5D64, "c.lw x9, 124(x10)", "c.lw", "lw", 9, 10, 0, 124),
            row(0x43C0, "c.lw x8, 4(x15)", "c.lw", "lw", 8, 15, 0, 4),
            row(0x42B0, "c.lw x12, 64(x13)", "c.lw", "lw", 12, 13, 0, 64),
            row(0x7E6C, "c.ld x11, 248(x12)", "c.ld", "ld", 11, 12, 0, 248),
            row(0x641C, "c.ld x15, 8(x8)", "c.ld", "ld", 15, 8, 0, 8),
            row(0x60C8, "c.ld x10, 128(x9)", "c.ld", "ld", 10, 9, 0, 128),
            row(0xC334, "c.sw x13, 64(x14)", "c.sw", "sw", 0, 14, 13, 64),
            row(0xDCE0, "c.sw x8, 124(x9)", "c.sw", "sw", 0, 9, 8, 124),
            row(0xFFF8, "c.sd x14, 248(x15)", "c.sd", "sd", 0, 15, 14, 248),
            row(0xE1A0, "c.sd x8, 64(x11)", "c.sd", "sd", 0, 11, 8, 64),
            row(0x0001, "c.nop", "c.addi", "addi", 0, 0, 0, 0),
            row(0x1281, "c.addi x5, -32", "c.addi", "addi", 5, 5, 0, -32),
            row(0x0FFD, "c.addi x31, 31", "c.addi", "addi", 31, 31, 0, 31),
            row(0x337D, "c.addiw x6, -1", "c.addiw", "addiw", 6, 6, 0, -1),
            row(0x23FD, "c.addiw x7, 31", "c.addiw", "addiw", 7, 7, 0, 31),
            row(0x2401, "c.addiw x8, 0", "c.addiw", "addiw", 8, 8, 0, 0),
            row(0x5501, "c.li x10, -32", "c.li", "addi", 10, 0, 0, -32),
            row(0x45FD, "c.li x11, 31", "c.li", "addi", 11, 0, 0, 31),
            row(0x7101, "c.addi16sp sp, -512", "c.addi16sp", "addi", 2, 2, 0, -512),
            row(0x617D, "c.addi16sp sp, 496", "c.addi16sp", "addi", 2, 2, 0, 496),
            row(0x6141, "c.addi16sp sp, 16", "c.addi16sp", "addi", 2, 2, 0, 16),
            row(0x6121, "c.addi16sp sp, 64", "c.addi16sp", "addi", 2, 2, 0, 64),
            row(0x6119, "c.addi16sp sp, 384", "c.addi16sp", "addi", 2, 2, 0, 384),
            row(0x7181, "c.lui x3, 0xfffe0", "c.lui", "lui", 3, 0, 0, -0x20000L),
            row(0x6FFD, "c.lui x31, 31", "c.lui", "lui", 31, 0, 0, 0x1F000L),
            row(0x6205, "c.lui x4, 1", "c.lui", "lui", 4, 0, 0, 0x1000L),
            row(0x907D, "c.srli x8, 63", "c.srli", "srli", 8, 8, 0, 63),
            row(0x8385, "c.srli x15, 1", "c.srli", "srli", 15, 15, 0, 1),
            row(0x9481, "c.srai x9, 32", "c.srai", "srai", 9, 9, 0, 32),
            row(0x877D, "c.srai x14, 31", "c.srai", "srai", 14, 14, 0, 31),
            row(0x9901, "c.andi x10, -32", "c.andi", "andi", 10, 10, 0, -32),
            row(0x89FD, "c.andi x11, 31", "c.andi", "andi", 11, 11, 0, 31),
            row(0x8C05, "c.sub x8, x9", "c.sub", "sub", 8, 8, 9, 0),
            row(0x8D2D, "c.xor x10, x11", "c.xor", "xor", 10, 10, 11, 0),
            row(0x8E55, "c.or x12, x13", "c.or", "or", 12, 12, 13, 0),
            row(0x8F7D, "c.and x14, x15", "c.and", "and", 14, 14, 15, 0),
            row(0x9F81, "c.subw x15, x8", "c.subw", "subw", 15, 15, 8, 0),
            row(0x9CA9, "c.addw x9, x10", "c.addw", "addw", 9, 9, 10, 0),
            row(0xB001, "c.j .-2048", "c.j", "jal", 0, 0, 0, -2048),
            row(0xAFFD, "c.j .+2046", "c.j", "jal", 0, 0, 0, 2046),
            row(0xA101, "c.j .+0x400", "c.j", "jal", 0, 0, 0, 1024),
            row(0xA02D, "c.j .+0x2a", "c.j", "jal", 0, 0, 0, 42),
            row(0xAE81, "c.j .+0x350", "c.j", "jal", 0, 0, 0, 848),
            row(0xD001, "c.beqz x8, .-256", "c.beqz", "beq", 0, 8, 0, -256),
            row(0xEFFD, "c.bnez x15, .+254", "c.bnez", "bne", 0, 15, 0, 254),
            row(0xC09D, "c.beqz x9, .+0x26", "c.beqz", "beq", 0, 9, 0, 38),
            row(0xED61, "c.bnez x10, .+0xd8", "c.bnez", "bne", 0, 10, 0, 216),
            row(0x12FE, "c.slli x5, 63", "c.slli", "slli", 5, 5, 0, 63),
            row(0x0F86, "c.slli x31, 1", "c.slli", "slli", 31, 31, 0, 1),
            row(0x537E, "c.lwsp x6, 252(sp)", "c.lwsp", "lw", 6, 2, 0, 252),
            row(0x5382, "c.lwsp x7, 32(sp)", "c.lwsp", "lw", 7, 2, 0, 32),
            row(0x4406, "c.lwsp x8, 64(sp)", "c.lwsp", "lw", 8, 2, 0, 64),
            row(0x747E, "c.ldsp x8, 504(sp)", "c.ldsp", "ld", 8, 2, 0, 504),
            row(0x7482, "c.ldsp x9, 32(sp)", "c.ldsp", "ld", 9, 2, 0, 32),
            row(0x6506, "c.ldsp x10, 64(sp)", "c.ldsp", "ld", 10, 2, 0, 64),
            row(0x8082, "c.jr x1", "c.jr", "jalr", 0, 1, 0, 0),
            row(0x8F82, "c.jr x31", "c.jr", "jalr", 0, 31, 0, 0),
            row(0x829A, "c.mv x5, x6", "c.mv", "add", 5, 0, 6, 0),
            row(0x8F86, "c.mv x31, x1", "c.mv", "add", 31, 0, 1, 0),
            row(0x9002, "c.ebreak", "c.ebreak", "ebreak", 0, 0, 0, 0),
            row(0x9382, "c.jalr x7", "c.jalr", "jalr", 1, 7, 0, 0),
            row(0x9082, "c.jalr x1", "c.jalr", "jalr", 1, 1, 0, 0),
            row(0x9426, "c.add x8, x9", "c.add", "add", 8, 8, 9, 0),
            row(0x90FE, "c.add x1, x31", "c.add", "add", 1, 1, 31, 0),
            row(0xDFAA, "c.swsp x10, 252(sp)", "c.swsp", "sw", 0, 2, 10, 252),
            row(0xC0AE, "c.swsp x11, 64(sp)", "c.swsp", "sw", 0, 2, 11, 64),
            row(0xFFAE, "c.sdsp x11, 504(sp)", "c.sdsp", "sd", 0, 2, 11, 504),
            row(0xE0B2, "c.sdsp x12, 64(sp)", "c.sdsp", "sd", 0, 2, 12, 64),
            // RV64DC, assembled with -march=rv64gc
            row(0x2480, "c.fld f8, 8(x9)", "c.fld", "fld", 8, 9, 0, 8),
            row(0x3C7C, "c.fld f15, 248(x8)", "c.fld", "fld", 15, 8, 0, 248),
            row(0xBFE4, "c.fsd f9, 248(x15)", "c.fsd", "fsd", 0, 15, 9, 248),
            row(0xA000, "c.fsd f8, 0(x8)", "c.fsd", "fsd", 0, 8, 8, 0),
            row(0x30FE, "c.fldsp f1, 504(sp)", "c.fldsp", "fld", 1, 2, 0, 504),
            row(0xA40A, "c.fsdsp f2, 8(sp)", "c.fsdsp", "fsd", 0, 2, 2, 8),
            row(0xBFFE, "c.fsdsp f31, 504(sp)", "c.fsdsp", "fsd", 0, 2, 31, 504));

    private static Assembled row(int bits, String source, String mnemonic, String baseOp, int rd, int rs1, int rs2,
            long imm) {
        return new Assembled(bits, source, mnemonic, baseOp, rd, rs1, rs2, imm);
    }

    static Stream<Assembled> assembled() {
        return ASSEMBLED.stream();
    }

    private static int destination(int rd) {
        return rd == 0 ? Hart.SINK : rd;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assembled")
    void compressedInstructionExpandsToItsBaseOperation(Assembled a) {
        assertThat(Decoder.decode(a.bits()).op()).isEqualTo(HartFixture.opNamed(a.baseOp()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assembled")
    void compressedInstructionKeepsItsOwnMnemonic(Assembled a) {
        assertThat(Decoder.decode(a.bits()).mnemonic()).isEqualTo(a.mnemonic());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assembled")
    void compressedInstructionIsTwoBytesLongAndKeepsItsBits(Assembled a) {
        Insn insn = Decoder.decode(a.bits());

        assertThat(insn.length()).isEqualTo(2);
        assertThat(insn.bits()).isEqualTo(a.bits());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assembled")
    void compressedInstructionExpandsToTheRegistersOfItsBaseForm(Assembled a) {
        Insn insn = Decoder.decode(a.bits());

        assertThat(List.of(insn.rd(), insn.rs1(), insn.rs2()))
                .as("rd, rs1, rs2")
                .containsExactly(destination(a.rd()), a.rs1(), a.rs2());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assembled")
    void compressedInstructionExpandsToTheImmediateOfItsBaseForm(Assembled a) {
        assertThat(Decoder.decode(a.bits()).imm()).isEqualTo(a.imm());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assembled")
    void compressedInstructionMatchesExactlyOneTableEntryThatAcceptsIt(Assembled a) {
        // Overlapping entries are allowed when the specific one comes first (C.JR before C.MV, ...).
        CompressedEncoding first = CompressedEncodings.ALL.stream().filter(e -> e.matches(a.bits())).findFirst()
                .orElseThrow();

        assertThat(first.mnemonic()).isEqualTo(a.mnemonic());
    }

    @Test
    void theAssembledInstructionsCoverEveryCompressedEncoding() {
        Set<String> covered = ASSEMBLED.stream().map(Assembled::mnemonic).collect(Collectors.toSet());

        assertThat(CompressedEncodings.ALL.stream().map(CompressedEncoding::mnemonic)).allMatch(covered::contains);
    }

    @Test
    void upperHalfOfTheWordIsIgnored() {
        Insn insn = Decoder.decode(0xFFFF_9426); // c.add x8, x9 followed by anything

        assertThat(insn.mnemonic()).isEqualTo("c.add");
        assertThat(insn.bits()).isEqualTo(0x9426);
    }

    /** Reserved encodings of the RVC chapter. */
    @ParameterizedTest(name = "0x{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0000 | all zero (defined illegal)
            0004 | C.ADDI4SPN with nzuimm=0 and rd'=x9
            2001 | C.ADDIW with rd=x0
            2005 | C.ADDIW with rd=x0 and imm=1
            6101 | C.ADDI16SP with nzimm=0
            6281 | C.LUI x5 with nzimm=0
            6001 | C.LUI x0 with nzimm=0
            4002 | C.LWSP with rd=x0
            403E | C.LWSP with rd=x0 and an offset
            6002 | C.LDSP with rd=x0
            8002 | C.JR with rs1=x0
            8000 | quadrant 0 funct3=100
            9FFC | quadrant 0 funct3=100, all other bits set
            9C41 | C.SUBW space funct2=10 (reserved)
            9C61 | C.SUBW space funct2=11 (reserved)
            9DE5 | C.SUBW space funct2=11, other registers
            """)
    void reservedCompressedEncodingDecodesAsIllegalTwoByteInstruction(String hex, String description) {
        int bits = Integer.parseInt(hex, 16);

        Insn insn = Decoder.decode(bits);

        assertThat(insn.op()).isEqualTo(Op.ILLEGAL);
        assertThat(insn.length()).isEqualTo(2);
        assertThat(insn.bits()).isEqualTo(bits);
    }
}
