package org.hartlab.core.hart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hartlab.core.hart.HartFixture.DATA;
import static org.hartlab.core.hart.HartFixture.TRAP_VECTOR;
import static org.hartlab.core.hart.HartFixture.code;
import static org.hartlab.core.hart.HartFixture.parse;

import java.math.BigInteger;
import java.util.stream.Stream;
import org.hartlab.core.bus.Ram;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Single instructions executed on a hart, checked against the unprivileged and privileged specifications.
 * Register convention: rd is x5, rs1 x6, rs2 x7 (SC's rd is x8), as in the assembly each test names.
 */
class SemanticsTest {
    private final HartFixture fixture = HartFixture.oneHart();

    /** Runs {@code asm} with x6 = {@code rs1} and x7 = {@code rs2} and returns x5. */
    private long rType(String asm, long rs1, long rs2) {
        Hart hart = fixture.hart();
        hart.setRegister(6, rs1);
        hart.setRegister(7, rs2);
        return fixture.execute(asm).register(5);
    }

    private static final long MIN = Long.MIN_VALUE;
    private static final long INT_MIN_SEXT = 0xFFFF_FFFF_8000_0000L;

    @Nested
    class Division {
        @ParameterizedTest(name = "{0}: {1} / 0 = {2}")
        @CsvSource(delimiter = '|', textBlock = """
                div x5, x6, x7   |  7                  | -1
                div x5, x6, x7   | -7                  | -1
                divu x5, x6, x7  |  7                  | -1
                rem x5, x6, x7   |  7                  |  7
                rem x5, x6, x7   | -7                  | -7
                remu x5, x6, x7  | -7                  | -7
                divw x5, x6, x7  |  7                  | -1
                divuw x5, x6, x7 |  7                  | -1
                remw x5, x6, x7  |  0x80000000         | -0x80000000
                remw x5, x6, x7  |  0x123456780000000F |  15
                remuw x5, x6, x7 |  0xFFFFFFF9         | -7
                """)
        void divisionByZeroGivesTheSpecifiedResult(String asm, String dividend, String expected) {
            assertThat(rType(asm, parse(dividend), 0)).isEqualTo(parse(expected));
        }

        @ParameterizedTest(name = "{0}: {1} / -1 = {2}")
        @CsvSource(delimiter = '|', textBlock = """
                div x5, x6, x7   | -0x8000000000000000 | -0x8000000000000000
                rem x5, x6, x7   | -0x8000000000000000 |  0
                divw x5, x6, x7  |  0x80000000         | -0x80000000
                remw x5, x6, x7  |  0x80000000         |  0
                divu x5, x6, x7  | -0x8000000000000000 |  0
                remu x5, x6, x7  | -0x8000000000000000 | -0x8000000000000000
                """)
        void mostNegativeDividedByMinusOneGivesTheSpecifiedResult(String asm, String dividend, String expected) {
            assertThat(rType(asm, parse(dividend), -1)).isEqualTo(parse(expected));
        }

        @ParameterizedTest(name = "{0}: {1} / {2} = {3}")
        @CsvSource(delimiter = '|', textBlock = """
                div x5, x6, x7   | -7          | 2           | -3
                rem x5, x6, x7   | -7          | 2           | -1
                rem x5, x6, x7   |  7          | -2          |  1
                divw x5, x6, x7  |  0x10000007 | 0x100000002 |  0x8000003
                divw x5, x6, x7  |  7          | 0x100000000 | -1
                divuw x5, x6, x7 |  0xFFFFFFFE | 1           | -2
                remuw x5, x6, x7 | -1          | 0x100000010 |  15
                """)
        void divisionRoundsTowardsZeroAndWordFormsUseTheLow32Bits(String asm, String a, String b, String expected) {
            assertThat(rType(asm, parse(a), parse(b))).isEqualTo(parse(expected));
        }
    }

    @Nested
    class Multiplication {
        static Stream<Arguments> operands() {
            long[] values = {3, -3, 0, 1, -1, Long.MAX_VALUE, MIN, 0x1234_5678_9ABC_DEF0L, 0xFEDC_BA98_7654_3210L};
            Stream.Builder<Arguments> pairs = Stream.builder();
            for (long a : values) {
                for (long b : values) {
                    pairs.add(Arguments.of(a, b));
                }
            }
            return pairs.build();
        }

        private static long high(BigInteger a, BigInteger b) {
            return a.multiply(b).shiftRight(64).longValue();
        }

        private static BigInteger unsigned(long v) {
            return new BigInteger(Long.toUnsignedString(v));
        }

        @ParameterizedTest(name = "mulh {0}, {1}")
        @MethodSource("operands")
        void mulhGivesTheHighHalfOfTheSignedProduct(long a, long b) {
            long expected = high(BigInteger.valueOf(a), BigInteger.valueOf(b));

            assertThat(rType("mulh x5, x6, x7", a, b)).isEqualTo(expected).isEqualTo(Math.multiplyHigh(a, b));
        }

        @ParameterizedTest(name = "mulhsu {0}, {1}")
        @MethodSource("operands")
        void mulhsuGivesTheHighHalfOfSignedTimesUnsigned(long a, long b) {
            assertThat(rType("mulhsu x5, x6, x7", a, b)).isEqualTo(high(BigInteger.valueOf(a), unsigned(b)));
        }

        @ParameterizedTest(name = "mulhu {0}, {1}")
        @MethodSource("operands")
        void mulhuGivesTheHighHalfOfTheUnsignedProduct(long a, long b) {
            assertThat(rType("mulhu x5, x6, x7", a, b)).isEqualTo(high(unsigned(a), unsigned(b)));
        }

        @ParameterizedTest(name = "mul {0}, {1}")
        @MethodSource("operands")
        void mulGivesTheLowHalfOfTheProduct(long a, long b) {
            assertThat(rType("mul x5, x6, x7", a, b)).isEqualTo(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))
                    .longValue());
        }
    }

    @Nested
    class WordOperations {
        @ParameterizedTest(name = "{0}: x6={1} x7={2} gives {3}")
        @CsvSource(delimiter = '|', textBlock = """
                addw x5, x6, x7      | 0x7FFFFFFF          | 1           | -0x80000000
                addw x5, x6, x7      | 0xFFFFFFFF00000001  | 0x100000001 | 2
                subw x5, x6, x7      | 0x7FFFFFFF          | -1          | -0x80000000
                subw x5, x6, x7      | 0x80000000          | 1           | 0x7FFFFFFF
                mulw x5, x6, x7      | 0x10000             | 0x8000      | -0x80000000
                sllw x5, x6, x7      | 1                   | 31          | -0x80000000
                srlw x5, x6, x7      | 0x80000000          | 0           | -0x80000000
                srlw x5, x6, x7      | 0xFFFFFFFF80000000  | 1           | 0x40000000
                sraw x5, x6, x7      | 0x1234567880000000  | 4           | -0x8000000
                addiw x5, x6, 1      | 0x7FFFFFFF          | 0           | -0x80000000
                addiw x5, x6, -1     | 0x100000000         | 0           | -1
                slliw x5, x6, 31     | 1                   | 0           | -0x80000000
                slliw x5, x6, 1      | 0x1C0000000         | 0           | -0x80000000
                srliw x5, x6, 0      | 0x80000000          | 0           | -0x80000000
                srliw x5, x6, 4      | -16                 | 0           | 0x0FFFFFFF
                sraiw x5, x6, 4      | 0x80000000          | 0           | -0x8000000
                """)
        void wordOperationSignExtendsItsThirtyTwoBitResult(String asm, String rs1, String rs2, String expected) {
            assertThat(rType(asm, parse(rs1), parse(rs2))).isEqualTo(parse(expected));
        }
    }

    @Nested
    class ShiftAmounts {
        @ParameterizedTest(name = "{0}: x6={1} x7={2} gives {3}")
        @CsvSource(delimiter = '|', textBlock = """
                sll x5, x6, x7  | 1                   | 67          | 8
                srl x5, x6, x7  | -0x8000000000000000 | 0x44        | 0x0800000000000000
                sra x5, x6, x7  | -0x8000000000000000 | 0x7F        | -1
                sll x5, x6, x7  | 1                   | -1          | -0x8000000000000000
                sllw x5, x6, x7 | 1                   | 35          | 8
                srlw x5, x6, x7 | 0x80000000          | 36          | 0x08000000
                sraw x5, x6, x7 | 0x80000000          | 63          | -1
                sllw x5, x6, x7 | 1                   | 0x100000000 | 1
                """)
        void registerShiftUsesOnlyTheLowBitsOfTheShiftAmount(String asm, String rs1, String rs2, String expected) {
            assertThat(rType(asm, parse(rs1), parse(rs2))).isEqualTo(parse(expected));
        }
    }

    @Nested
    class Jumps {
        @Test
        void jalrClearsBitZeroOfTheTarget() {
            fixture.hart().setRegister(6, code(0) + 0x100);

            assertThat(fixture.execute("jalr x5, 3(x6)").pc()).isEqualTo(code(0) + 0x102);
        }

        @Test
        void jalrAddsANegativeOffsetBeforeClearingBitZero() {
            fixture.hart().setRegister(6, code(0) + 0x101);

            assertThat(fixture.execute("jalr x5, -1(x6)").pc()).isEqualTo(code(0) + 0x100);
        }

        @Test
        void jalrWritesTheAddressOfTheNextInstruction() {
            fixture.hart().setRegister(6, code(0) + 0x100);

            assertThat(fixture.execute("jalr x5, 3(x6)").register(5)).isEqualTo(code(0) + 4);
        }

        @Test
        void jalrWithRdEqualToRs1JumpsThroughTheOldValueAndLinks() {
            fixture.hart().setRegister(5, code(0) + 0x200);

            Hart hart = fixture.execute("jalr x5, 1(x5)");

            assertThat(hart.pc()).isEqualTo(code(0) + 0x200);
            assertThat(hart.register(5)).isEqualTo(code(0) + 4);
        }

        @Test
        void compressedJalrLinksTheAddressTwoBytesOn() {
            fixture.hart().setRegister(6, code(0) + 0x100);

            assertThat(fixture.execute("c.jalr x6").register(1)).isEqualTo(code(0) + 2);
        }

        @Test
        void compressedJalrJumpsToRs1() {
            fixture.hart().setRegister(6, code(0) + 0x100);

            assertThat(fixture.execute("c.jalr x6").pc()).isEqualTo(code(0) + 0x100);
        }

        @Test
        void compressedJrDoesNotLink() {
            fixture.hart().setRegister(6, code(0) + 0x100);
            fixture.hart().setRegister(1, 0x1234);

            assertThat(fixture.execute("c.jr x6").register(1)).isEqualTo(0x1234);
        }
    }

    @Nested
    class RegisterZero {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"addi x0, x6, 1", "lui x0, 0x12345", "ld x0, 0(x6)", "mul x0, x6, x7"})
        void writeToX0IsDiscarded(String asm) {
            fixture.ram().store64(DATA, 0x1122_3344_5566_7788L);
            fixture.hart().setRegister(6, DATA);
            fixture.hart().setRegister(7, 3);

            assertThat(fixture.execute(asm).register(0)).isZero();
        }
    }

    @Nested
    class Loads {
        @ParameterizedTest(name = "{0} gives {1}")
        @CsvSource(delimiter = '|', textBlock = """
                lb x5, 0(x6)  | -1
                lh x5, 0(x6)  | -0x1101
                lw x5, 0(x6)  | -0x33221101
                ld x5, 0(x6)  | -0x7766554433221101
                lbu x5, 0(x6) | 0xFF
                lhu x5, 0(x6) | 0xEEFF
                lwu x5, 0(x6) | 0xCCDDEEFF
                """)
        void loadExtendsByItsSignedness(String asm, String expected) {
            fixture.ram().store64(DATA, 0x8899_AABB_CCDD_EEFFL);
            fixture.hart().setRegister(6, DATA);

            assertThat(fixture.execute(asm).register(5)).isEqualTo(parse(expected));
        }

        /** Misaligned addresses, within a page, across a page and across a 1 MiB RAM chunk. */
        static Stream<Long> misaligned() {
            return Stream.of(DATA + 1, DATA + 3, DATA + 7, DATA + 0xFFD, Ram.BASE + 0x10_0000 - 3);
        }

        @ParameterizedTest(name = "at 0x{0}")
        @MethodSource("misaligned")
        void misalignedLdInsideRamReadsEightLittleEndianBytes(long address) {
            for (int i = 0; i < 8; i++) {
                fixture.ram().store8(address + i, (byte) (0x11 * (i + 1)));
            }
            fixture.hart().setRegister(6, address);

            Hart hart = fixture.execute("ld x5, 0(x6)");

            assertThat(hart.pc()).as("no trap").isEqualTo(code(0) + 4);
            assertThat(hart.register(5)).isEqualTo(0x8877_6655_4433_2211L);
        }

        @ParameterizedTest(name = "at 0x{0}")
        @MethodSource("misaligned")
        void misalignedSdInsideRamWritesEightLittleEndianBytes(long address) {
            fixture.hart().setRegister(6, address);
            fixture.hart().setRegister(7, 0x8877_6655_4433_2211L);

            Hart hart = fixture.execute("sd x7, 0(x6)");

            assertThat(hart.pc()).as("no trap").isEqualTo(code(0) + 4);
            for (int i = 0; i < 8; i++) {
                assertThat(fixture.ram().load8(address + i)).as("byte %d", i).isEqualTo((byte) (0x11 * (i + 1)));
            }
        }
    }

    @Nested
    class Traps {
        @ParameterizedTest(name = "0x{0}")
        @ValueSource(strings = {"FFFFFFFF", "0000000B", "40001033", "1010202F", "0200101B"})
        void illegalInstructionTrapsWithCauseTwo(String hex) {
            assertThat(fixture.executeBits(Integer.parseUnsignedInt(hex, 16)).csr.mcause)
                    .isEqualTo(Cause.ILLEGAL_INSTRUCTION);
        }

        @ParameterizedTest(name = "0x{0}")
        @ValueSource(strings = {"FFFFFFFF", "0000000B", "40001033", "1010202F", "0200101B"})
        void illegalInstructionWritesItsZeroExtendedBitsToMtval(String hex) {
            int bits = Integer.parseUnsignedInt(hex, 16);

            assertThat(fixture.executeBits(bits).csr.mtval).isEqualTo(Integer.toUnsignedLong(bits));
        }

        @Test
        void illegalCompressedInstructionWritesOnlyItsSixteenBitsToMtval() {
            fixture.ram().store32(code(0), 0xFFFF_4002); // c.lwsp x0 (reserved), then a halfword of ones

            assertThat(fixture.step(0).hart().csr.mtval).isEqualTo(0x4002);
        }

        @Test
        void illegalInstructionWritesItsAddressToMepc() {
            assertThat(fixture.executeBits(0xFFFF_FFFF).csr.mepc).isEqualTo(code(0));
        }

        @Test
        void illegalInstructionJumpsToMtvec() {
            assertThat(fixture.executeBits(0xFFFF_FFFF).pc()).isEqualTo(TRAP_VECTOR);
        }

        @Test
        void illegalInstructionLeavesItsDestinationUnwritten() {
            fixture.hart().setRegister(5, 42);

            assertThat(fixture.executeBits(0x0200_103B | 5 << 7).register(5)).isEqualTo(42); // OP-32, rd=x5
        }

        @Test
        void ecallFromMachineModeTrapsWithCauseEleven() {
            assertThat(fixture.execute("ecall").csr.mcause).isEqualTo(Cause.ECALL_FROM_M);
        }

        @Test
        void ecallWritesItsOwnAddressToMepc() {
            assertThat(fixture.execute("ecall").csr.mepc).isEqualTo(code(0));
        }

        @Test
        void ecallWritesZeroToMtval() {
            fixture.hart().csr.mtval = 0x55;

            assertThat(fixture.execute("ecall").csr.mtval).isZero();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ebreak", "c.ebreak"})
        void ebreakTrapsWithCauseThree(String asm) {
            assertThat(fixture.execute(asm).csr.mcause).isEqualTo(Cause.BREAKPOINT);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ebreak", "c.ebreak"})
        void ebreakWritesItsAddressToMtval(String asm) {
            assertThat(fixture.execute(asm).csr.mtval).isEqualTo(code(0));
        }
    }

    @Nested
    class AtomicMemoryOperations {
        @Test
        void amoaddWSignExtendsTheOldValueIntoRd() {
            fixture.ram().store32(DATA, 0x8000_0000);
            fixture.hart().setRegister(6, DATA);
            fixture.hart().setRegister(7, 1);

            assertThat(fixture.execute("amoadd.w x5, x7, (x6)").register(5)).isEqualTo(INT_MIN_SEXT);
        }

        @Test
        void amoaddWWrapsWithinTheWordWithoutTouchingTheNextOne() {
            fixture.ram().store64(DATA, 0x0000_0005_FFFF_FFFFL);
            fixture.hart().setRegister(6, DATA);
            fixture.hart().setRegister(7, 0x7_0000_0001L);

            fixture.execute("amoadd.w x5, x7, (x6)");

            assertThat(fixture.ram().load64(DATA)).isEqualTo(0x0000_0005_0000_0000L);
        }

        @Test
        void amominWComparesTheLowWordsAsSignedIntegers() {
            fixture.ram().store32(DATA, 0x8000_0000);
            fixture.hart().setRegister(6, DATA);
            fixture.hart().setRegister(7, 0xFFFF_FFFF_0000_0001L);

            fixture.execute("amomin.w x5, x7, (x6)");

            assertThat(fixture.ram().load32(DATA)).isEqualTo(0x8000_0000);
        }

        @Test
        void amomaxuWSignExtendsTheOldValueIntoRd() {
            fixture.ram().store32(DATA, 0xFFFF_FFFE);
            fixture.hart().setRegister(6, DATA);
            fixture.hart().setRegister(7, 1);

            assertThat(fixture.execute("amomaxu.w x5, x7, (x6)").register(5)).isEqualTo(-2);
        }

        @ParameterizedTest(name = "{0} at DATA+{1}")
        @CsvSource(delimiter = '|', textBlock = """
                amoadd.w x5, x7, (x6)  | 2
                amoswap.w x5, x7, (x6) | 1
                amoadd.d x5, x7, (x6)  | 4
                amoswap.d x5, x7, (x6) | 7
                sc.w x8, x7, (x6)      | 2
                sc.d x8, x7, (x6)      | 4
                """)
        void misalignedAmoOrScTrapsAsStoreAddressMisaligned(String asm, int offset) {
            fixture.hart().setRegister(6, DATA + offset);

            assertThat(fixture.execute(asm).csr.mcause).isEqualTo(Cause.STORE_MISALIGNED);
        }

        @Test
        void misalignedAmoWritesTheAddressToMtval() {
            fixture.hart().setRegister(6, DATA + 2);

            assertThat(fixture.execute("amoadd.w x5, x7, (x6)").csr.mtval).isEqualTo(DATA + 2);
        }

        @Test
        void misalignedLrTrapsAsLoadAddressMisaligned() {
            fixture.hart().setRegister(6, DATA + 4);

            assertThat(fixture.execute("lr.d x5, (x6)").csr.mcause).isEqualTo(Cause.LOAD_MISALIGNED);
        }
    }

    @Nested
    class LoadReservedStoreConditional {
        private final HartFixture harts = HartFixture.twoHarts();

        private Hart prepare(String... program) {
            Hart hart = harts.hart(0);
            harts.ram().store32(DATA, 0x1234_5678);
            harts.program(0, program);
            hart.setRegister(6, DATA);
            hart.setRegister(7, 0x0BAD_F00D);
            hart.setRegister(8, 42);
            return hart;
        }

        @Test
        void scWithoutLrFailsWithRdOne() {
            Hart hart = prepare("sc.w x8, x7, (x6)");

            harts.step(0);

            assertThat(hart.register(8)).isEqualTo(1);
        }

        @Test
        void scWithoutLrLeavesMemoryUnchanged() {
            prepare("sc.w x8, x7, (x6)");

            harts.step(0);

            assertThat(harts.ram().load32(DATA)).isEqualTo(0x1234_5678);
        }

        @Test
        void lrLoadsTheSignExtendedWord() {
            harts.ram().store32(DATA, 0x8000_0001);
            harts.program(0, "lr.w x5, (x6)");
            harts.hart(0).setRegister(6, DATA);

            assertThat(harts.step(0).hart().register(5)).isEqualTo(0xFFFF_FFFF_8000_0001L);
        }

        @Test
        void scAfterLrSucceedsWithRdZero() {
            Hart hart = prepare("lr.w x5, (x6)", "sc.w x8, x7, (x6)");

            harts.step(0).step(0);

            assertThat(hart.register(8)).isZero();
        }

        @Test
        void scAfterLrStoresTheWord() {
            prepare("lr.w x5, (x6)", "sc.w x8, x7, (x6)");

            harts.step(0).step(0);

            assertThat(harts.ram().load32(DATA)).isEqualTo(0x0BAD_F00D);
        }

        @Test
        void secondScAfterOneLrFails() {
            Hart hart = prepare("lr.w x5, (x6)", "sc.w x8, x7, (x6)", "sc.w x8, x7, (x6)");

            harts.step(0).step(0).step(0);

            assertThat(hart.register(8)).isEqualTo(1);
        }

        @Test
        void storeOfTheSameValueByAnotherHartMakesTheScFail() {
            Hart hart = prepare("lr.w x5, (x6)", "sc.w x8, x7, (x6)");
            harts.program(1, "sw x7, 0(x6)");
            harts.hart(1).setRegister(6, DATA);
            harts.hart(1).setRegister(7, 0x1234_5678); // the value hart 0's LR read: no ABA

            harts.step(0).step(1).step(0);

            assertThat(hart.register(8)).isEqualTo(1);
            assertThat(harts.ram().load32(DATA)).isEqualTo(0x1234_5678);
        }

        @Test
        void scDoubleAfterLrDoubleSucceeds() {
            Hart hart = prepare("lr.d x5, (x6)", "sc.d x8, x7, (x6)");

            harts.step(0).step(0);

            assertThat(hart.register(8)).isZero();
        }
    }
}
