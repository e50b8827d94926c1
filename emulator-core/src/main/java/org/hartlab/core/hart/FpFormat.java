package org.hartlab.core.hart;

import java.math.BigInteger;

/**
 * The two IEEE 754 binary formats of F and D, described by their parameters so that the exact slow paths
 * ({@link FpArith}) are written once. Values are passed as raw bits in a long (a single in the low 32 bits).
 */
enum FpFormat {
    SINGLE(24, 8),
    DOUBLE(53, 11);

    /** Significand bits including the hidden one. */
    final int precision;
    final int bias;
    /** Exponent of the smallest normal and of the largest finite value. */
    final int emin, emax;
    final long signBit, exponentMask, fractionMask;
    final long canonicalNaN, infinity, maxFinite;

    FpFormat(int precision, int exponentBits) {
        this.precision = precision;
        this.bias = (1 << (exponentBits - 1)) - 1;
        this.emin = 1 - bias;
        this.emax = bias;
        int width = precision + exponentBits;
        this.signBit = 1L << (width - 1);
        this.fractionMask = (1L << (precision - 1)) - 1;
        this.exponentMask = ((1L << exponentBits) - 1) << (precision - 1);
        this.infinity = exponentMask;
        this.canonicalNaN = exponentMask | (1L << (precision - 2));
        this.maxFinite = exponentMask - 1;
    }

    boolean isNegative(long bits) {
        return (bits & signBit) != 0;
    }

    boolean isNaN(long bits) {
        return (bits & exponentMask) == exponentMask && (bits & fractionMask) != 0;
    }

    /** A NaN whose quiet bit (the fraction's top bit) is clear. */
    boolean isSignaling(long bits) {
        return isNaN(bits) && (bits & (1L << (precision - 2))) == 0;
    }

    boolean isInfinite(long bits) {
        return (bits & ~signBit) == infinity;
    }

    boolean isZero(long bits) {
        return (bits & ~signBit) == 0;
    }

    boolean isSubnormal(long bits) {
        return (bits & exponentMask) == 0 && (bits & fractionMask) != 0;
    }

    /** The integer significand of a finite value: the value is {@code significand * 2^exponent}. */
    long significand(long bits) {
        long fraction = bits & fractionMask;
        return (bits & exponentMask) == 0 ? fraction : fraction | (1L << (precision - 1));
    }

    /** The exponent of the significand's last bit for a finite value. */
    int exponent(long bits) {
        int biased = (int) ((bits & exponentMask) >>> (precision - 1));
        return Math.max(biased, 1) - bias - (precision - 1);
    }

    BigInteger magnitude(long bits) {
        return BigInteger.valueOf(significand(bits));
    }

    long zero(boolean negative) {
        return negative ? signBit : 0;
    }

    long infinity(boolean negative) {
        return zero(negative) | infinity;
    }

    /** A finite value as a double (exact for both formats), for comparisons and integer conversion. */
    double toDouble(long bits) {
        return this == DOUBLE ? Double.longBitsToDouble(bits) : Float.intBitsToFloat((int) bits);
    }
}
