package org.hartlab.core.hart;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;

/**
 * An oracle for rounded FP results that shares nothing with the implementation: the exact result is known only
 * through comparisons with BigDecimal values, and the neighbours of a result come from Java's Math.nextUp and
 * nextDown. A result is correctly rounded in a mode when it and its neighbours sit on the right sides of the
 * exact value (and of the midpoints, for the nearest modes).
 */
final class FpRoundingOracle {
    private FpRoundingOracle() {
    }

    /** The exact result, seen only through {@code compare(v)} = the sign of (v - exact). */
    @FunctionalInterface
    interface Exact {
        int compare(BigDecimal v);

        static Exact of(BigDecimal exact) {
            return v -> v.compareTo(exact);
        }
    }

    static BigDecimal decimal(FpFormat f, long bits) {
        return new BigDecimal(f.toDouble(bits));
    }

    /**
     * Asserts that {@code result} is {@code exact} correctly rounded to {@code f} in mode {@code rm}, that NX is
     * set exactly when it differs, and returns nothing else: overflowing results are the edge-case tests' job.
     */
    static void assertRounded(FpFormat f, Exact exact, long result, int rm, int flags, String what) {
        assertThat(f.isNaN(result) || f.isInfinite(result)).as(what + ": finite result").isFalse();
        BigDecimal r = decimal(f, result);
        int c = exact.compare(r);
        assertThat((flags & FpFlags.NX) != 0).as(what + ": NX iff inexact").isEqualTo(c != 0);
        if (c == 0) {
            return;
        }
        BigDecimal up = neighbour(f, result, true);
        BigDecimal down = neighbour(f, result, false);
        boolean negative = f.isNegative(result);
        switch (rm) {
            case RoundingMode.RDN -> assertDownward(exact, c, up, what);
            case RoundingMode.RUP -> assertUpward(exact, c, down, what);
            case RoundingMode.RTZ -> {
                if (negative) {
                    assertUpward(exact, c, down, what);
                } else {
                    assertDownward(exact, c, up, what);
                }
            }
            default -> {
                BigDecimal other = c < 0 ? up : down; // the neighbour on the exact value's side
                if (other == null) {
                    return; // beyond the largest finite value the edge-case tests decide
                }
                int vsMid = exact.compare(r.add(other).divide(BigDecimal.valueOf(2)));
                assertThat(c < 0 ? vsMid >= 0 : vsMid <= 0).as(what + ": nearest").isTrue();
                if (vsMid == 0) {
                    if (rm == RoundingMode.RNE) {
                        assertThat(result & 1).as(what + ": tie to even").isZero();
                    } else {
                        assertThat(r.abs().compareTo(other.abs())).as(what + ": tie away from zero").isPositive();
                    }
                }
            }
        }
    }

    private static void assertDownward(Exact exact, int c, BigDecimal up, String what) {
        assertThat(c).as(what + ": not above the exact value").isNegative();
        if (up != null) {
            assertThat(exact.compare(up)).as(what + ": next value up is above it").isPositive();
        }
    }

    private static void assertUpward(Exact exact, int c, BigDecimal down, String what) {
        assertThat(c).as(what + ": not below the exact value").isPositive();
        if (down != null) {
            assertThat(exact.compare(down)).as(what + ": next value down is below it").isNegative();
        }
    }

    private static BigDecimal neighbour(FpFormat f, long bits, boolean up) {
        double n;
        if (f == FpFormat.DOUBLE) {
            double d = Double.longBitsToDouble(bits);
            n = up ? Math.nextUp(d) : Math.nextDown(d);
        } else {
            float s = Float.intBitsToFloat((int) bits);
            n = up ? Math.nextUp(s) : Math.nextDown(s);
        }
        return Double.isInfinite(n) ? null : new BigDecimal(n);
    }

    /**
     * Random finite operands weighted towards the interesting exponents (subnormal, around 1, near overflow)
     * and towards short significands, which make exact results and ties common.
     */
    static long randomFinite(FpFormat f, Random random) {
        long sign = random.nextBoolean() ? f.signBit : 0;
        long fraction = random.nextLong() & f.fractionMask;
        if (random.nextBoolean()) {
            fraction &= ~((1L << random.nextInt(f.precision - 1)) - 1);
        }
        int maxField = 2 * f.bias;
        int field = switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 1 + random.nextInt(3);
            case 2 -> f.bias - 3 + random.nextInt(7);
            case 3 -> maxField - random.nextInt(3);
            default -> 1 + random.nextInt(maxField);
        };
        return sign | ((long) field << (f.precision - 1)) | fraction;
    }

    static BigDecimal exactInteger(long value, boolean unsigned) {
        return new BigDecimal(unsigned ? new BigInteger(Long.toUnsignedString(value)) : BigInteger.valueOf(value));
    }
}
