package org.hartlab.tools.difftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The encoders agree with GNU as: each expected word below is what {@code riscv64-unknown-elf-as
 * -march=rv64imac_zicsr_zifencei} (binutils 2.40) produced for the text beside it, read back with objdump.
 */
class EncodingTest {
    static Stream<Arguments> gnuAs() {
        return Stream.of(
                Arguments.of("add x1, x2, x3", Rv.r(Rv.ADD, 1, 2, 3), 0x003100b3),
                Arguments.of("sub x5, x6, x7", Rv.r(Rv.SUB, 5, 6, 7), 0x407302b3),
                Arguments.of("sraw x31, x30, x29", Rv.r(Rv.SRAW, 31, 30, 29), 0x41df5fbb),
                Arguments.of("divuw x10, x11, x12", Rv.r(Rv.DIVUW, 10, 11, 12), 0x02c5d53b),
                Arguments.of("mulhsu x1, x2, x3", Rv.r(Rv.MULHSU, 1, 2, 3), 0x023120b3),
                Arguments.of("addi x10, x11, -1", Rv.i(Rv.ADDI, 10, 11, -1), 0xfff58513),
                Arguments.of("sltiu x3, x4, 2047", Rv.i(Rv.SLTIU, 3, 4, 2047), 0x7ff23193),
                Arguments.of("srai x5, x6, 63", Rv.shift(Rv.SRAI, 5, 6, 63), 0x43f35293),
                Arguments.of("sraiw x5, x6, 31", Rv.shift(Rv.SRAIW, 5, 6, 31), 0x41f3529b),
                Arguments.of("lwu x7, -2048(x8)", Rv.i(Rv.LOAD_U[2], 7, 8, -2048), 0x80046383),
                Arguments.of("sd x1, 8(x2)", Rv.s(Rv.STORE[3], 2, 1, 8), 0x00113423),
                Arguments.of("sh x9, -3(x10)", Rv.s(Rv.STORE[1], 10, 9, -3), 0xfe951ea3),
                Arguments.of("beq x1, x2, .+16", Rv.b(Rv.BRANCH[0], 1, 2, 16), 0x00208863),
                Arguments.of("bgeu x3, x4, .-4096", Rv.b(Rv.BRANCH[5], 3, 4, -4096), 0x8041f063),
                Arguments.of("jal x1, .+2048", Rv.j(1, 2048), 0x001000ef),
                Arguments.of("jal x0, .-2", Rv.j(0, -2), 0xfffff06f),
                Arguments.of("jalr x1, 13(x5)", Rv.i(Rv.JALR, 1, 5, 13), 0x00d280e7),
                Arguments.of("lui x7, 0xfffff", Rv.u(Rv.LUI, 7, 0xfffff), 0xfffff3b7),
                Arguments.of("auipc x7, 0x80000", Rv.u(Rv.AUIPC, 7, 0x80000), 0x80000397),
                Arguments.of("amoadd.w.aqrl x1, x2, (x3)", Rv.amo(0, false, true, true, 1, 3, 2), 0x0621a0af),
                Arguments.of("amomaxu.d.aq x4, x5, (x6)", Rv.amo(0b11100, true, true, false, 4, 6, 5), 0xe453322f),
                Arguments.of("lr.d x1, (x2)", Rv.amo(Rv.LR, true, false, false, 1, 2, 0), 0x100130af),
                Arguments.of("sc.w.rl x3, x4, (x5)", Rv.amo(Rv.SC, false, false, true, 3, 5, 4), 0x1a42a1af),
                Arguments.of("csrrw x0, mtvec, x5", Rv.csr(Rv.CSR_REG[0], 0, 0x305, 5), 0x30529073),
                Arguments.of("csrrci x1, mscratch, 31", Rv.csr(Rv.CSR_IMM[2], 1, 0x340, 31), 0x340ff0f3),
                Arguments.of("fence iorw, iorw", Rv.fence(0, 15, 15), 0x0ff0000f),
                Arguments.of("fence r, w", Rv.fence(0, 2, 1), 0x0210000f),
                Arguments.of("fence.tso", Rv.fence(8, 3, 3), 0x8330000f),
                Arguments.of("c.addi4spn x8, x2, 1020", Rvc.addi4spn(8, 1020), 0x1fe0),
                Arguments.of("c.lw x15, 124(x8)", Rvc.word(false, 15, 8, 124), 0x5c7c),
                Arguments.of("c.ld x9, 248(x14)", Rvc.doubleword(false, 9, 14, 248), 0x7f64),
                Arguments.of("c.sw x8, 4(x9)", Rvc.word(true, 8, 9, 4), 0xc0c0),
                Arguments.of("c.sd x10, 8(x11)", Rvc.doubleword(true, 10, 11, 8), 0xe588),
                Arguments.of("c.addi x1, -32", Rvc.addi(1, -32), 0x1081),
                Arguments.of("c.addiw x31, 31", Rvc.addiw(31, 31), 0x2ffd),
                Arguments.of("c.li x5, -1", Rvc.li(5, -1), 0x52fd),
                Arguments.of("c.addi16sp x2, -512", Rvc.addi16sp(-512), 0x7101),
                Arguments.of("c.lui x3, 0xfffe0", Rvc.lui(3, -32), 0x7181),
                Arguments.of("c.srli x8, 63", Rvc.cbAlu(0, 8, 63), 0x907d),
                Arguments.of("c.srai x15, 1", Rvc.cbAlu(1, 15, 1), 0x8785),
                Arguments.of("c.andi x9, -32", Rvc.cbAlu(2, 9, -32), 0x9881),
                Arguments.of("c.subw x8, x15", Rvc.ca(true, 0, 8, 15), 0x9c1d),
                Arguments.of("c.addw x9, x10", Rvc.ca(true, 1, 9, 10), 0x9ca9),
                Arguments.of("c.and x11, x12", Rvc.ca(false, 3, 11, 12), 0x8df1),
                Arguments.of("c.j .-2048", Rvc.j(-2048), 0xb001),
                Arguments.of("c.beqz x8, .-256", Rvc.branch(false, 8, -256), 0xd001),
                Arguments.of("c.bnez x15, .+254", Rvc.branch(true, 15, 254), 0xeffd),
                Arguments.of("c.slli x31, 63", Rvc.slli(31, 63), 0x1ffe),
                Arguments.of("c.lwsp x1, 252(x2)", Rvc.lwsp(1, 252), 0x50fe),
                Arguments.of("c.ldsp x31, 504(x2)", Rvc.ldsp(31, 504), 0x7ffe),
                Arguments.of("c.jr x5", Rvc.jr(false, 5), 0x8282),
                Arguments.of("c.mv x6, x7", Rvc.cr(false, 6, 7), 0x831e),
                Arguments.of("c.jalr x31", Rvc.jr(true, 31), 0x9f82),
                Arguments.of("c.add x1, x2", Rvc.cr(true, 1, 2), 0x908a),
                Arguments.of("c.swsp x0, 252(x2)", Rvc.swsp(0, 252), 0xdf82),
                Arguments.of("c.sdsp x31, 504(x2)", Rvc.sdsp(31, 504), 0xfffe),
                Arguments.of("c.nop", Rvc.nop(), 0x0001));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gnuAs")
    void encodingMatchesGnuAs(String text, int actual, int expected) {
        assertThat(Integer.toHexString(actual)).as(text).isEqualTo(Integer.toHexString(expected));
    }

    @Test
    void branchToALaterLabelIsPatchedWithItsOffsetAndListedAsDotPlus() {
        Assembler a = new Assembler(Harness.BASE);
        Assembler.Label target = new Assembler.Label("t");
        Harness.branch(a, Rv.BRANCH[0], 1, 2, target);
        for (int k = 0; k < 3; k++) {
            a.emit32(Rv.i(Rv.ADDI, 0, 0, 0), "addi x0, x0, 0");
        }
        a.bind(target);
        byte[] code = a.finish();
        assertThat(code[0] & 0xFF | (code[1] & 0xFF) << 8 | (code[2] & 0xFF) << 16 | (code[3] & 0xFF) << 24)
                .isEqualTo(0x00208863);
        assertThat(a.lines().get(0).text).isEqualTo("beq x1, x2, .+16");
    }

    @Test
    void loadAddressPairReachesATargetBelowTheAuipc() {
        Assembler a = new Assembler(Harness.BASE + 0x1000);
        Assembler.Label target = new Assembler.Label("t");
        a.bindAt(target, Harness.BASE + 0x800); // delta -0x800: hi 0, lo -2048
        a.la(5, target, 0);
        a.finish();
        assertThat(a.lines().get(0).text).isEqualTo("auipc x5, 0x0");
        assertThat(a.lines().get(1).text).isEqualTo("addi x5, x5, -2048");
    }
}
