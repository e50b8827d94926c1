package org.hartlab.core.hart;

import static org.hartlab.core.hart.FpFlags.NX;

/**
 * F arithmetic. In round-to-nearest-even the operation is done in double and rounded to float: for +, -, *, /
 * and sqrt double carries more than twice float's precision plus two bits, so the double rounding gives the
 * correctly rounded float; for fma the double sum is first rounded to odd, which makes the second rounding exact
 * too. Inexactness is the double step's error (zero for products, which fit in a double) or the float step's.
 * Results that are not comfortably normal, other rounding modes and special operands go to {@link FpArith}.
 */
final class FloatOps {
    private FloatOps() {
    }

    static final int SIGN = Integer.MIN_VALUE;

    static int add(int a, int b, int rm, FpRegisters fp) {
        if (rm == RoundingMode.RNE) {
            double x = value(a);
            double y = value(b);
            double d = x + y;
            float r = (float) d;
            if (normal(r) || d == 0) { // a zero sum of floats is exact, and Java gives it the IEEE sign
                return result(r, r != d || DoubleOps.sumError(x, y, d) != 0, fp);
            }
        }
        return (int) FpArith.add(FpFormat.SINGLE, unsigned(a), unsigned(b), rm, fp);
    }

    static int mul(int a, int b, int rm, FpRegisters fp) {
        if (rm == RoundingMode.RNE) {
            double d = value(a) * value(b); // exact: 48 significand bits
            float r = (float) d;
            if (normal(r) || d == 0) {
                return result(r, r != d, fp);
            }
        }
        return (int) FpArith.mul(FpFormat.SINGLE, unsigned(a), unsigned(b), rm, fp);
    }

    static int div(int a, int b, int rm, FpRegisters fp) {
        if (rm == RoundingMode.RNE) {
            double x = value(a);
            double y = value(b);
            double d = x / y;
            float r = (float) d;
            if (normal(r)) {
                return result(r, r != d || Math.fma(d, y, -x) != 0, fp);
            }
        }
        return (int) FpArith.div(FpFormat.SINGLE, unsigned(a), unsigned(b), rm, fp);
    }

    static int sqrt(int a, int rm, FpRegisters fp) {
        if (rm == RoundingMode.RNE) {
            double x = value(a);
            if (x > 0 && x <= Float.MAX_VALUE) { // the root of a positive float is a normal float
                double d = Math.sqrt(x);
                float r = (float) d;
                return result(r, r != d || Math.fma(d, d, -x) != 0, fp);
            }
        }
        return (int) FpArith.sqrt(FpFormat.SINGLE, unsigned(a), rm, fp);
    }

    static int fma(int a, int b, int c, int rm, FpRegisters fp) {
        if (rm == RoundingMode.RNE) {
            double product = value(a) * value(b); // exact
            double z = value(c);
            double d = product + z;
            double error = DoubleOps.sumError(product, z, d);
            if (error != 0 && (Double.doubleToRawLongBits(d) & 1) == 0) {
                d = error > 0 ? Math.nextUp(d) : Math.nextDown(d); // round to odd: keeps the sticky bit
            }
            float r = (float) d;
            if (normal(r) || d == 0) {
                return result(r, error != 0 || r != d, fp);
            }
        }
        return (int) FpArith.fma(FpFormat.SINGLE, unsigned(a), unsigned(b), unsigned(c), rm, fp);
    }

    /** FCVT.S.D. */
    static int fromDouble(long a, int rm, FpRegisters fp) {
        if (rm == RoundingMode.RNE) {
            double d = Double.longBitsToDouble(a);
            float r = (float) d;
            if (normal(r)) {
                return result(r, r != d, fp);
            }
        }
        return (int) FpArith.convert(FpFormat.DOUBLE, FpFormat.SINGLE, a, rm, fp);
    }

    /** Normal and above the smallest normal, so neither overflow nor a tininess question can arise. */
    private static boolean normal(float r) {
        float m = Math.abs(r);
        return m > Float.MIN_NORMAL && m <= Float.MAX_VALUE;
    }

    private static double value(int bits) {
        return Float.intBitsToFloat(bits);
    }

    static long unsigned(int bits) {
        return bits & 0xFFFF_FFFFL;
    }

    private static int result(float r, boolean inexact, FpRegisters fp) {
        if (inexact) {
            fp.fflags |= NX;
        }
        return Float.floatToRawIntBits(r);
    }
}
