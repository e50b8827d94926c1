package org.hartlab.core.hart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hartlab.core.hart.FpRoundingOracle.assertRounded;
import static org.hartlab.core.hart.FpRoundingOracle.decimal;
import static org.hartlab.core.hart.FpRoundingOracle.randomFinite;

import java.math.BigDecimal;
import java.util.Random;
import java.util.stream.Stream;
import org.hartlab.core.hart.FpRoundingOracle.Exact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every arithmetic operation class, in both formats and all five rounding modes, on seeded random operands
 * (subnormals, ties and near-overflow values included), checked by {@link FpRoundingOracle} against exact
 * BigDecimal arithmetic; round-to-nearest-even results are also compared bit for bit with Java's own
 * arithmetic (Math.fma for the fused forms).
 */
class FpArithmeticTest {
    private static final int CASES = 3000;

    static Stream<Arguments> formatsAndModes() {
        return Stream.of(FpFormat.values()).flatMap(f -> Stream.of(0, 1, 2, 3, 4).map(rm -> Arguments.of(f, rm)));
    }

    private interface Binary {
        long apply(long a, long b, int rm, FpRegisters fp);
    }

    private static Binary add(FpFormat f) {
        return f == FpFormat.DOUBLE ? DoubleOps::add : (a, b, rm, fp) -> single(FloatOps.add((int) a, (int) b, rm, fp));
    }

    private static Binary mul(FpFormat f) {
        return f == FpFormat.DOUBLE ? DoubleOps::mul : (a, b, rm, fp) -> single(FloatOps.mul((int) a, (int) b, rm, fp));
    }

    private static Binary div(FpFormat f) {
        return f == FpFormat.DOUBLE ? DoubleOps::div : (a, b, rm, fp) -> single(FloatOps.div((int) a, (int) b, rm, fp));
    }

    private static long sqrt(FpFormat f, long a, int rm, FpRegisters fp) {
        return f == FpFormat.DOUBLE ? DoubleOps.sqrt(a, rm, fp) : single(FloatOps.sqrt((int) a, rm, fp));
    }

    private static long fma(FpFormat f, long a, long b, long c, int rm, FpRegisters fp) {
        return f == FpFormat.DOUBLE ? DoubleOps.fma(a, b, c, rm, fp)
                : single(FloatOps.fma((int) a, (int) b, (int) c, rm, fp));
    }

    private static long single(int bits) {
        return bits & 0xFFFF_FFFFL;
    }

    /** Checks one result: correctly rounded, or (when OF is raised) saturated, and UF consistent with it. */
    private static void check(FpFormat f, Exact exact, long result, int rm, FpRegisters fp, String what) {
        if ((fp.fflags & FpFlags.OF) != 0) {
            assertThat(fp.fflags & FpFlags.NX).as(what + ": overflow is inexact").isNotZero();
            assertThat(result & ~f.signBit).as(what + ": overflow saturates").isIn(f.infinity, f.maxFinite);
            return;
        }
        assertRounded(f, exact, result, rm, fp.fflags, what);
        boolean belowNormal = (result & f.exponentMask) == 0;
        if ((fp.fflags & FpFlags.UF) != 0) {
            assertThat(fp.fflags & FpFlags.NX).as(what + ": underflow is inexact").isNotZero();
        } else if (belowNormal && (fp.fflags & FpFlags.NX) != 0) {
            throw new AssertionError(what + ": an inexact subnormal or zero result must underflow");
        }
    }

    @ParameterizedTest(name = "{0} rm={1}")
    @MethodSource("formatsAndModes")
    void sumsAreCorrectlyRounded(FpFormat f, int rm) {
        Random random = new Random(11 + rm);
        for (int n = 0; n < CASES; n++) {
            long a = randomFinite(f, random);
            long b = randomFinite(f, random);
            FpRegisters fp = new FpRegisters();
            long r = add(f).apply(a, b, rm, fp);
            BigDecimal exact = decimal(f, a).add(decimal(f, b));
            if (exact.signum() != 0) {
                check(f, Exact.of(exact), r, rm, fp, "add " + hex(a) + " " + hex(b));
            }
        }
    }

    @ParameterizedTest(name = "{0} rm={1}")
    @MethodSource("formatsAndModes")
    void productsAreCorrectlyRounded(FpFormat f, int rm) {
        Random random = new Random(23 + rm);
        for (int n = 0; n < CASES; n++) {
            long a = randomFinite(f, random);
            long b = randomFinite(f, random);
            FpRegisters fp = new FpRegisters();
            long r = mul(f).apply(a, b, rm, fp);
            check(f, Exact.of(decimal(f, a).multiply(decimal(f, b))), r, rm, fp, "mul " + hex(a) + " " + hex(b));
        }
    }

    @ParameterizedTest(name = "{0} rm={1}")
    @MethodSource("formatsAndModes")
    void quotientsAreCorrectlyRounded(FpFormat f, int rm) {
        Random random = new Random(37 + rm);
        for (int n = 0; n < CASES; n++) {
            long a = randomFinite(f, random);
            long b = randomFinite(f, random);
            if (f.isZero(b)) {
                continue;
            }
            FpRegisters fp = new FpRegisters();
            long r = div(f).apply(a, b, rm, fp);
            BigDecimal dividend = decimal(f, a);
            BigDecimal divisor = decimal(f, b);
            check(f, v -> v.multiply(divisor).compareTo(dividend) * divisor.signum(), r, rm, fp,
                    "div " + hex(a) + " " + hex(b));
        }
    }

    @ParameterizedTest(name = "{0} rm={1}")
    @MethodSource("formatsAndModes")
    void squareRootsAreCorrectlyRounded(FpFormat f, int rm) {
        Random random = new Random(41 + rm);
        for (int n = 0; n < CASES; n++) {
            long a = randomFinite(f, random) & ~f.signBit;
            FpRegisters fp = new FpRegisters();
            long r = sqrt(f, a, rm, fp);
            BigDecimal radicand = decimal(f, a);
            check(f, v -> v.signum() < 0 ? -1 : v.multiply(v).compareTo(radicand), r, rm, fp, "sqrt " + hex(a));
        }
    }

    @ParameterizedTest(name = "{0} rm={1}")
    @MethodSource("formatsAndModes")
    void fusedMultiplyAddsRoundOnce(FpFormat f, int rm) {
        Random random = new Random(53 + rm);
        for (int n = 0; n < CASES; n++) {
            long a = randomFinite(f, random);
            long b = randomFinite(f, random);
            // Often an addend that nearly cancels the product, where a double rounding would show.
            long c = random.nextBoolean() ? randomFinite(f, random) : mul(f).apply(a, b, RoundingMode.RTZ,
                    new FpRegisters()) ^ f.signBit;
            FpRegisters fp = new FpRegisters();
            long r = fma(f, a, b, c, rm, fp);
            BigDecimal exact = decimal(f, a).multiply(decimal(f, b)).add(decimal(f, c));
            if (exact.signum() != 0 && !f.isInfinite(c)) {
                check(f, Exact.of(exact), r, rm, fp, "fma " + hex(a) + " " + hex(b) + " " + hex(c));
            }
        }
    }

    @ParameterizedTest(name = "rm={1}")
    @MethodSource("formatsAndModes")
    void narrowingConversionIsCorrectlyRounded(FpFormat ignored, int rm) {
        Random random = new Random(61 + rm);
        for (int n = 0; n < CASES; n++) {
            long a = random.nextInt(4) == 0 ? java(random.nextGaussian() * 0x1p-130)
                    : randomFinite(FpFormat.DOUBLE, random) >>> random.nextInt(2) * 3; // some in float range
            FpRegisters fp = new FpRegisters();
            long r = single(FloatOps.fromDouble(a, rm, fp));
            check(FpFormat.SINGLE, Exact.of(decimal(FpFormat.DOUBLE, a)), r, rm, fp, "fcvt.s.d " + hex(a));
        }
    }

    @ParameterizedTest(name = "{0} rm={1}")
    @MethodSource("formatsAndModes")
    void integersConvertCorrectlyRounded(FpFormat f, int rm) {
        Random random = new Random(71 + rm);
        for (int n = 0; n < CASES; n++) {
            long v = random.nextLong() >> random.nextInt(64);
            boolean unsigned = random.nextBoolean();
            FpRegisters fp = new FpRegisters();
            long r = FpConvert.fromInteger(f, v, unsigned, rm, fp);
            BigDecimal exact = FpRoundingOracle.exactInteger(v, unsigned);
            if (exact.signum() == 0) {
                assertThat(r).isZero();
            } else {
                check(f, Exact.of(exact), r, rm, fp, "fcvt from " + v + (unsigned ? " unsigned" : ""));
            }
        }
    }

    @ParameterizedTest(name = "{0} rm={1}")
    @MethodSource("formatsAndModes")
    void valuesConvertToIntegersWithSaturation(FpFormat f, int rm) {
        java.math.RoundingMode javaMode = switch (rm) {
            case RoundingMode.RNE -> java.math.RoundingMode.HALF_EVEN;
            case RoundingMode.RTZ -> java.math.RoundingMode.DOWN;
            case RoundingMode.RDN -> java.math.RoundingMode.FLOOR;
            case RoundingMode.RUP -> java.math.RoundingMode.CEILING;
            default -> java.math.RoundingMode.HALF_UP;
        };
        Random random = new Random(83 + rm);
        for (int n = 0; n < CASES; n++) {
            // Magnitudes from tiny to past 2^64, many with fraction bits.
            double d = Math.scalb(random.nextDouble() * 2 - 1, random.nextInt(70) - 3);
            long a = f == FpFormat.DOUBLE ? java(d) : single(Float.floatToRawIntBits((float) d));
            BigDecimal value = decimal(f, a);
            BigDecimal rounded = value.setScale(0, javaMode);
            for (int kind = 0; kind < 4; kind++) {
                boolean wide = kind >= 2;
                boolean signed = (kind & 1) == 0;
                BigDecimal lo = signed ? BigDecimal.valueOf(wide ? Long.MIN_VALUE : Integer.MIN_VALUE) : BigDecimal.ZERO;
                BigDecimal hi = FpRoundingOracle.exactInteger(wide ? (signed ? Long.MAX_VALUE : -1L)
                        : (signed ? Integer.MAX_VALUE : 0xFFFF_FFFFL), !signed);
                FpRegisters fp = new FpRegisters();
                long r = FpConvert.toInteger(f, a, wide, signed, rm, fp);
                BigDecimal expected = rounded.max(lo).min(hi);
                boolean invalid = rounded.compareTo(expected) != 0;
                long expectedBits = wide ? expected.toBigInteger().longValue() : (int) expected.longValue();
                String what = "fcvt kind " + kind + " of " + value;
                assertThat(r).as(what).isEqualTo(expectedBits);
                assertThat(fp.fflags).as(what + " flags").isEqualTo(
                        invalid ? FpFlags.NV : value.compareTo(rounded) != 0 ? FpFlags.NX : 0);
            }
        }
    }

    @Test
    void slowPathAgreesBitForBitWithJavaInRoundToNearest() {
        Random random = new Random(97);
        for (int n = 0; n < 20 * CASES; n++) {
            FpFormat f = random.nextBoolean() ? FpFormat.DOUBLE : FpFormat.SINGLE;
            long a = randomFinite(f, random);
            long b = randomFinite(f, random);
            long c = randomFinite(f, random);
            FpRegisters fp = new FpRegisters();
            int rne = RoundingMode.RNE;
            if (f == FpFormat.DOUBLE) {
                double x = Double.longBitsToDouble(a);
                double y = Double.longBitsToDouble(b);
                double z = Double.longBitsToDouble(c);
                assertThat(FpArith.add(f, a, b, rne, fp)).isEqualTo(java(x + y));
                assertThat(FpArith.mul(f, a, b, rne, fp)).isEqualTo(java(x * y));
                assertThat(FpArith.div(f, a, b, rne, fp)).isEqualTo(java(x / y));
                assertThat(FpArith.fma(f, a, b, c, rne, fp)).isEqualTo(java(Math.fma(x, y, z)));
                assertThat(FpArith.sqrt(f, a & ~f.signBit, rne, fp)).isEqualTo(java(Math.sqrt(Math.abs(x))));
            } else {
                float x = Float.intBitsToFloat((int) a);
                float y = Float.intBitsToFloat((int) b);
                float z = Float.intBitsToFloat((int) c);
                assertThat(FpArith.add(f, a, b, rne, fp)).isEqualTo(java(f, (x + y)));
                assertThat(FpArith.mul(f, a, b, rne, fp)).isEqualTo(java(f, (x * y)));
                assertThat(FpArith.div(f, a, b, rne, fp)).isEqualTo(java(f, (x / y)));
                assertThat(FpArith.fma(f, a, b, c, rne, fp)).isEqualTo(java(f, Math.fma(x, y, z)));
            }
        }
    }

    /** Java's result with any NaN replaced by RISC-V's canonical NaN. */
    private static long java(double r) {
        return Double.isNaN(r) ? FpFormat.DOUBLE.canonicalNaN : Double.doubleToRawLongBits(r);
    }

    private static long java(FpFormat single, float r) {
        return Float.isNaN(r) ? single.canonicalNaN : single(Float.floatToRawIntBits(r));
    }

    private static String hex(long bits) {
        return "0x" + Long.toHexString(bits);
    }
}
