package org.hartlab.core.hart;

import static org.hartlab.core.hart.FpFlags.NX;

/**
 * D arithmetic. In round-to-nearest-even, Java's double arithmetic gives the result; the exact error terms
 * (TwoSum, and fma residuals for products, quotients and roots) say whether it is inexact. Anything else (another
 * rounding mode, special operands, overflow, results near or below the normal range where tininess or an
 * underflowing residual could mislead) goes to {@link FpArith}.
 */
final class DoubleOps {
    private DoubleOps() {
    }

    /**
     * Below this magnitude the slow path decides: fma residuals of products, quotients and square roots here may
     * fall under the subnormal grid and no longer be exact, and the tininess of results near 2^-1022 needs care.
     */
    private static final double RESIDUALS_EXACT = 0x1p-900;
    static final long SIGN = Long.MIN_VALUE;

    static long add(long a, long b, int rm, FpRegisters fp) {
        if (rm == RoundingMode.RNE) {
            double x = value(a);
            double y = value(b);
            double r = x + y;
            if (Double.isFinite(r)) { // sums never underflow inexactly: a tiny sum is exact
                return result(r, sumError(x, y, r) != 0, fp);
            }
        }
        return FpArith.add(FpFormat.DOUBLE, a, b, rm, fp);
    }

    static long mul(long a, long b, int rm, FpRegisters fp) {
        if (rm == RoundingMode.RNE) {
            double x = value(a);
            double y = value(b);
            double r = x * y;
            if (comfortable(r)) {
                return result(r, Math.fma(x, y, -r) != 0, fp);
            }
        }
        return FpArith.mul(FpFormat.DOUBLE, a, b, rm, fp);
    }

    static long div(long a, long b, int rm, FpRegisters fp) {
        if (rm == RoundingMode.RNE) {
            double x = value(a);
            double y = value(b);
            double r = x / y;
            if (comfortable(r) && Math.abs(x) >= RESIDUALS_EXACT) {
                return result(r, Math.fma(r, y, -x) != 0, fp);
            }
        }
        return FpArith.div(FpFormat.DOUBLE, a, b, rm, fp);
    }

    static long sqrt(long a, int rm, FpRegisters fp) {
        if (rm == RoundingMode.RNE) {
            double x = value(a);
            if (x >= RESIDUALS_EXACT && x <= Double.MAX_VALUE) {
                double r = Math.sqrt(x);
                return result(r, Math.fma(r, r, -x) != 0, fp);
            }
        }
        return FpArith.sqrt(FpFormat.DOUBLE, a, rm, fp);
    }

    /**
     * a * b + c. The result r is exact exactly when a * b equals r - c; both sides are computed as exact pairs
     * (hi, lo) with hi the rounded value, and such a pair is unique for its real number, so comparing the pairs
     * compares the reals.
     */
    static long fma(long a, long b, long c, int rm, FpRegisters fp) {
        if (rm == RoundingMode.RNE) {
            double x = value(a);
            double y = value(b);
            double z = value(c);
            double r = Math.fma(x, y, z);
            double productHi = x * y;
            double differenceHi = r - z;
            if (comfortable(r) && comfortable(productHi) && Double.isFinite(differenceHi)) {
                double productLo = Math.fma(x, y, -productHi);
                double differenceLo = sumError(r, -z, differenceHi);
                return result(r, productHi != differenceHi || productLo != differenceLo, fp);
            }
        }
        return FpArith.fma(FpFormat.DOUBLE, a, b, c, rm, fp);
    }

    /** FCVT.D.S: every single is a double, so only NaNs need attention. */
    static long fromSingle(int a, FpRegisters fp) {
        if (FpFormat.SINGLE.isNaN(a & 0xFFFF_FFFFL)) {
            return FpArith.convert(FpFormat.SINGLE, FpFormat.DOUBLE, a & 0xFFFF_FFFFL, RoundingMode.RNE, fp);
        }
        return Double.doubleToRawLongBits(Float.intBitsToFloat(a));
    }

    /** The exact error of the rounded sum r = x + y (Knuth's TwoSum), valid when nothing overflows. */
    static double sumError(double x, double y, double r) {
        double yPart = r - x;
        return (x - (r - yPart)) + (y - yPart);
    }

    private static boolean comfortable(double r) {
        double m = Math.abs(r);
        return m >= RESIDUALS_EXACT && m <= Double.MAX_VALUE;
    }

    private static double value(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static long result(double r, boolean inexact, FpRegisters fp) {
        if (inexact) {
            fp.fflags |= NX;
        }
        return Double.doubleToRawLongBits(r);
    }
}
