package org.hartlab.core.hart;

import static org.hartlab.core.hart.FpFlags.NV;
import static org.hartlab.core.hart.FpFlags.NX;

import java.math.BigInteger;

/** FCVT between floating-point values and integers, in either direction and every rounding mode. */
final class FpConvert {
    private FpConvert() {
    }

    /**
     * FCVT.{W,WU,L,LU}.{S,D}: the value rounded to an integer of 32 ({@code wide} false) or 64 bits. Out of range
     * saturates to the nearest representable integer and is invalid (not inexact); a NaN gives the largest
     * value. 32-bit results are sign-extended to 64 bits, the unsigned ones too.
     */
    static long toInteger(FpFormat f, long a, boolean wide, boolean signed, int rm, FpRegisters fp) {
        long min = signed ? (wide ? Long.MIN_VALUE : Integer.MIN_VALUE) : 0;
        long max = wide ? (signed ? Long.MAX_VALUE : -1L) : (signed ? Integer.MAX_VALUE : -1L);
        if (f.isNaN(a)) {
            fp.raise(NV);
            return max;
        }
        double v = f.toDouble(a);
        double r = roundToIntegral(v, rm);
        double lowest = signed ? (wide ? -0x1p63 : -0x1p31) : 0;
        double aboveHighest = wide ? (signed ? 0x1p63 : 0x1p64) : (signed ? 0x1p31 : 0x1p32);
        if (r < lowest || r >= aboveHighest) { // -0 is not below 0: it converts to 0
            fp.raise(NV);
            return r < lowest ? min : max;
        }
        if (r != v) {
            fp.raise(NX);
        }
        long result = r >= 0x1p63 ? (long) (r - 0x1p63) ^ Long.MIN_VALUE : (long) r;
        return wide ? result : (int) result;
    }

    /** {@code v} rounded to an integral double in mode {@code rm}; every operation here is exact. */
    private static double roundToIntegral(double v, int rm) {
        return switch (rm) {
            case RoundingMode.RNE -> Math.rint(v);
            case RoundingMode.RDN -> Math.floor(v);
            case RoundingMode.RUP -> Math.ceil(v);
            case RoundingMode.RTZ -> v < 0 ? Math.ceil(v) : Math.floor(v);
            default -> {
                double truncated = v < 0 ? Math.ceil(v) : Math.floor(v);
                yield Math.abs(v - truncated) >= 0.5 ? truncated + Math.signum(v) : truncated;
            }
        };
    }

    /**
     * FCVT.{S,D}.{W,WU,L,LU}: {@code value} (unsigned when {@code unsigned}) in format {@code f}. Integers up to
     * 2^precision convert exactly through Java's casts; larger ones round in the slow path.
     */
    static long fromInteger(FpFormat f, long value, boolean unsigned, int rm, FpRegisters fp) {
        long exactLimit = 1L << f.precision;
        boolean exact = unsigned ? Long.compareUnsigned(value, exactLimit) <= 0
                : value >= -exactLimit && value <= exactLimit;
        if (exact) {
            return f == FpFormat.DOUBLE ? Double.doubleToRawLongBits(value)
                    : Float.floatToRawIntBits(value) & 0xFFFF_FFFFL;
        }
        BigInteger big = unsigned ? new BigInteger(Long.toUnsignedString(value)) : BigInteger.valueOf(value);
        return FpArith.fromInteger(f, big, rm, fp);
    }
}
