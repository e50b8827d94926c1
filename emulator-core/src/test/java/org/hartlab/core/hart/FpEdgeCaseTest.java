package org.hartlab.core.hart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hartlab.core.hart.FpFlags.DZ;
import static org.hartlab.core.hart.FpFlags.NV;
import static org.hartlab.core.hart.FpFlags.NX;
import static org.hartlab.core.hart.FpFlags.OF;
import static org.hartlab.core.hart.FpFlags.UF;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The corners of F and D with results worked out by hand from the ISA manual and IEEE 754: NaN rules, signed
 * zeros, overflow per rounding mode, tininess after rounding, saturating conversions, FMIN/FMAX and FCLASS.
 */
class FpEdgeCaseTest {
    private static final long QNAN_D = 0x7FF8_0000_0000_0000L;
    private static final long SNAN_D = 0x7FF0_0000_0000_0001L;
    private static final long NEG_QNAN_D = 0xFFF8_0000_0000_1234L;
    private static final long SNAN_S = 0x7F80_0001L;
    private static final long INF_D = bits(Double.POSITIVE_INFINITY);
    private static final long NEG_INF_D = bits(Double.NEGATIVE_INFINITY);
    private static final long MAX_D = bits(Double.MAX_VALUE);

    private final FpRegisters fp = new FpRegisters();

    private static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    @Test
    void aSignallingNaNOperandIsInvalidAndGivesTheCanonicalNaN() {
        assertThat(DoubleOps.add(SNAN_D, bits(1), RoundingMode.RNE, fp)).isEqualTo(QNAN_D);
        assertThat(fp.fflags).isEqualTo(NV);
    }

    @Test
    void aQuietNaNOperandPropagatesAsTheCanonicalNaNWithoutFlags() {
        assertThat(DoubleOps.mul(NEG_QNAN_D, bits(2), RoundingMode.RNE, fp)).isEqualTo(QNAN_D);
        assertThat(FloatOps.add(0xFFC0_0001, Float.floatToRawIntBits(1f), RoundingMode.RNE, fp))
                .isEqualTo(FpRegisters.CANONICAL_NAN_SINGLE);
        assertThat(fp.fflags).isZero();
    }

    @Test
    void infinityMinusInfinityIsInvalid() {
        assertThat(DoubleOps.add(INF_D, NEG_INF_D, RoundingMode.RNE, fp)).isEqualTo(QNAN_D);
        assertThat(fp.fflags).isEqualTo(NV);
    }

    @Test
    void fusedInfinityTimesZeroIsInvalidEvenWithAQuietNaNAddend() {
        assertThat(DoubleOps.fma(INF_D, 0, QNAN_D, RoundingMode.RNE, fp)).isEqualTo(QNAN_D);
        assertThat(fp.fflags).isEqualTo(NV);
    }

    @Test
    void finiteOverZeroIsDivideByZeroAndZeroOverZeroInvalid() {
        assertThat(DoubleOps.div(bits(-3), 0, RoundingMode.RNE, fp)).isEqualTo(NEG_INF_D);
        assertThat(fp.fflags).isEqualTo(DZ);
        FpRegisters other = new FpRegisters();
        assertThat(DoubleOps.div(0, bits(-0.0), RoundingMode.RNE, other)).isEqualTo(QNAN_D);
        assertThat(other.fflags).isEqualTo(NV);
    }

    @Test
    void squareRootOfMinusZeroIsMinusZeroAndOfANegativeNumberInvalid() {
        assertThat(DoubleOps.sqrt(bits(-0.0), RoundingMode.RNE, fp)).isEqualTo(bits(-0.0));
        assertThat(fp.fflags).isZero();
        assertThat(FloatOps.sqrt(Float.floatToRawIntBits(-4f), RoundingMode.RNE, fp))
                .isEqualTo(FpRegisters.CANONICAL_NAN_SINGLE);
        assertThat(fp.fflags).isEqualTo(NV);
    }

    @ParameterizedTest(name = "rm={0}: 1 + -1 = {1}")
    @CsvSource({"0, 0.0", "1, 0.0", "2, -0.0", "3, 0.0", "4, 0.0"})
    void anExactlyCancellingSumIsPlusZeroExceptWhenRoundingDown(int rm, double expected) {
        assertThat(DoubleOps.add(bits(1), bits(-1), rm, fp)).isEqualTo(bits(expected));
        assertThat(FloatOps.add(Float.floatToRawIntBits(1f), Float.floatToRawIntBits(-1f), rm, fp))
                .isEqualTo(Float.floatToRawIntBits((float) expected));
        assertThat(fp.fflags).isZero();
    }

    @ParameterizedTest(name = "rm={0}: MAX*2 = {1}, -MAX*2 = {2}")
    @CsvSource({"0, Infinity, -Infinity", "1, 1.7976931348623157E308, -1.7976931348623157E308",
        "2, 1.7976931348623157E308, -Infinity", "3, Infinity, -1.7976931348623157E308", "4, Infinity, -Infinity"})
    void overflowGoesToInfinityOrTheLargestFiniteByMode(int rm, double positive, double negative) {
        assertThat(DoubleOps.mul(MAX_D, bits(2), rm, fp)).isEqualTo(bits(positive));
        assertThat(DoubleOps.mul(MAX_D, bits(-2), rm, fp)).isEqualTo(bits(negative));
        assertThat(fp.fflags).isEqualTo(OF | NX);
    }

    /** (1 - 2^-27)(1 + 2^-27) 2^-1022 = 2^-1022 - 2^-1076: below 2^-1022 by a quarter subnormal step. */
    private static final long A = bits(Math.scalb(1 - 0x1p-27, -511));
    private static final long B = bits(Math.scalb(1 + 0x1p-27, -511));

    @Test
    void aResultThatRoundsUpToTheSmallestNormalWithUnboundedExponentIsNotTiny() {
        // With unbounded exponent (53 bits, step 2^-1075) the exact value is a tie between 2^-1022 - 2^-1075 and
        // 2^-1022, and goes to the even 2^-1022: not tiny, so only inexact.
        assertThat(DoubleOps.mul(A, B, RoundingMode.RNE, fp)).isEqualTo(bits(Double.MIN_NORMAL));
        assertThat(fp.fflags).isEqualTo(NX);
    }

    @Test
    void aResultThatIsTinyBeforeTheFinalRoundingUnderflowsEvenWhenItRoundsToTheSmallestNormal() {
        // (1 - 2^-53) 2^-1022 is exact with unbounded exponent, below 2^-1022: tiny. Rounded to the subnormal
        // grid it is a tie between the largest subnormal (odd) and 2^-1022 (even).
        long a = bits(1 - 0x1p-53);
        assertThat(DoubleOps.mul(a, bits(Double.MIN_NORMAL), RoundingMode.RNE, fp)).isEqualTo(bits(Double.MIN_NORMAL));
        assertThat(fp.fflags).isEqualTo(UF | NX);
    }

    @Test
    void truncatingJustBelowTheSmallestNormalUnderflowsToTheLargestSubnormal() {
        assertThat(DoubleOps.mul(A, B, RoundingMode.RTZ, fp)).isEqualTo(bits(Double.MIN_NORMAL) - 1);
        assertThat(fp.fflags).isEqualTo(UF | NX);
    }

    @Test
    void anExactSubnormalResultDoesNotUnderflow() {
        assertThat(DoubleOps.mul(bits(Double.MIN_NORMAL), bits(0.5), RoundingMode.RUP, fp))
                .isEqualTo(bits(Double.MIN_NORMAL / 2));
        assertThat(fp.fflags).isZero();
    }

    @Test
    void theSmallestSubnormalHalvedRoundsToZeroOrToItselfByMode() {
        long tiny = bits(Double.MIN_VALUE);
        assertThat(DoubleOps.mul(tiny, bits(0.5), RoundingMode.RNE, fp)).isZero(); // tie to even: 0
        assertThat(DoubleOps.mul(tiny, bits(0.5), RoundingMode.RMM, fp)).isEqualTo(tiny);
        assertThat(DoubleOps.mul(tiny, bits(-0.5), RoundingMode.RUP, fp)).isEqualTo(bits(-0.0));
        assertThat(fp.fflags).isEqualTo(UF | NX);
    }

    @Test
    void singleFusedMultiplyAddIsNotRoundedTwice() {
        // 2^24 + 1 = 97 * 257 * 673, so a * b = 1 + 2^-24 exactly, half an ulp above 1. With c = 2^-80 the exact
        // sum is just above that tie and rounds up to 1 + 2^-23; rounding the sum to double first would lose
        // 2^-80, leave an exact tie and round to even, 1.0.
        int a = Float.floatToRawIntBits(97 * 257 * 0x1p-15f);
        int b = Float.floatToRawIntBits(673 * 0x1p-9f);
        int c = Float.floatToRawIntBits(0x1p-80f);
        assertThat(Float.intBitsToFloat(FloatOps.fma(a, b, c, RoundingMode.RNE, fp))).isEqualTo(1 + 0x1p-23f);
        assertThat(Float.intBitsToFloat(FloatOps.fma(a, b, 0, RoundingMode.RNE, fp))).as("the tie itself").isEqualTo(1f);
        assertThat(fp.fflags).isEqualTo(NX);
    }

    @ParameterizedTest(name = "{0} (wide={1} signed={2}) -> {3}")
    @CsvSource({
        "NaN, false, true, 0x7fffffff, 16", "NaN, false, false, -1, 16", "NaN, true, true, 0x7fffffffffffffff, 16",
        "-Infinity, false, true, -2147483648, 16", "-Infinity, true, false, 0, 16",
        "-0.5, false, false, 0, 1", "-1.0, false, false, 0, 16", "3e9, false, false, -1294967296, 0",
        "18446744073709551616, true, false, -1, 16", "9223372036854775808, true, true, 0x7fffffffffffffff, 16",
        "2147483647.5, false, true, 0x7fffffff, 1", "2147483648.0, false, true, 0x7fffffff, 16",
        "-2147483648.9, false, true, -2147483648, 1"})
    void conversionsToIntegersSaturate(double v, boolean wide, boolean signed, String expected, int flags) {
        long result = FpConvert.toInteger(FpFormat.DOUBLE, bits(v), wide, signed, RoundingMode.RTZ, fp);
        assertThat(result).isEqualTo(HartFixture.parse(expected));
        assertThat(fp.fflags).isEqualTo(flags);
    }

    @Test
    void minimumNumberIgnoresAQuietNaNAndOrdersMinusZeroFirst() {
        FpFormat d = FpFormat.DOUBLE;
        assertThat(FpCompare.minMax(d, bits(0.0), bits(-0.0), false, fp)).isEqualTo(bits(-0.0));
        assertThat(FpCompare.minMax(d, bits(-0.0), bits(0.0), true, fp)).isEqualTo(bits(0.0));
        assertThat(FpCompare.minMax(d, NEG_QNAN_D, bits(1), false, fp)).isEqualTo(bits(1));
        assertThat(fp.fflags).isZero();
        assertThat(FpCompare.minMax(d, bits(1), SNAN_D, true, fp)).isEqualTo(bits(1));
        assertThat(fp.fflags).isEqualTo(NV);
        assertThat(FpCompare.minMax(d, NEG_QNAN_D, QNAN_D, false, fp)).isEqualTo(QNAN_D);
    }

    @Test
    void equalityIsQuietButOrderingSignalsOnAnyNaN() {
        FpFormat s = FpFormat.SINGLE;
        long qnan = 0x7FC0_0000L;
        assertThat(FpCompare.eq(s, qnan, qnan, fp)).isZero();
        assertThat(fp.fflags).isZero();
        assertThat(FpCompare.eq(s, SNAN_S, 0, fp)).isZero();
        assertThat(fp.fflags).isEqualTo(NV);
        FpRegisters other = new FpRegisters();
        assertThat(FpCompare.less(s, qnan, 0, true, other)).isZero();
        assertThat(other.fflags).isEqualTo(NV);
        assertThat(FpCompare.less(s, 0x8000_0000L, 0, true, other)).as("-0 <= +0").isEqualTo(1);
        assertThat(FpCompare.less(s, 0x8000_0000L, 0, false, other)).as("-0 < +0").isZero();
    }

    @ParameterizedTest(name = "fclass {0} = bit {1}")
    @CsvSource({"0xfff0000000000000, 0", "0xbff0000000000000, 1", "0x800fffffffffffff, 2", "0x8000000000000000, 3",
        "0x0000000000000000, 4", "0x0000000000000001, 5", "0x3ff0000000000000, 6", "0x7ff0000000000000, 7",
        "0x7ff0000000000001, 8", "0x7ff8000000000000, 9", "0xfff8000000000000, 9"})
    void classifySetsExactlyOneBit(String value, int bit) {
        assertThat(FpCompare.classify(FpFormat.DOUBLE, HartFixture.parse(value))).isEqualTo(1L << bit);
    }

    @Test
    void largeIntegersRoundToTheFormatInTheRequestedMode() {
        long v = (1L << 24) + 1;
        assertThat(FpConvert.fromInteger(FpFormat.SINGLE, v, false, RoundingMode.RNE, fp))
                .isEqualTo(Float.floatToRawIntBits(0x1p24f));
        assertThat(FpConvert.fromInteger(FpFormat.SINGLE, v, false, RoundingMode.RUP, fp))
                .isEqualTo(Float.floatToRawIntBits(0x1p24f + 2));
        assertThat(FpConvert.fromInteger(FpFormat.DOUBLE, -1L, true, RoundingMode.RTZ, fp))
                .isEqualTo(bits(Math.nextDown(0x1p64)));
        assertThat(fp.fflags).isEqualTo(NX);
    }
}
