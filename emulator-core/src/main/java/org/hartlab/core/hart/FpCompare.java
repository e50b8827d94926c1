package org.hartlab.core.hart;

import static org.hartlab.core.hart.FpFlags.NV;

/**
 * The non-arithmetic F/D operations for either format, on raw bits: the comparisons (FEQ quiet, FLT/FLE
 * signalling), FMIN/FMAX with the 2019 minimumNumber/maximumNumber rules, and FCLASS.
 */
final class FpCompare {
    private FpCompare() {
    }

    /** FEQ: a NaN makes it false; only a signalling NaN is invalid. */
    static long eq(FpFormat f, long a, long b, FpRegisters fp) {
        if (f.isNaN(a) || f.isNaN(b)) {
            if (f.isSignaling(a) || f.isSignaling(b)) {
                fp.raise(NV);
            }
            return 0;
        }
        return f.toDouble(a) == f.toDouble(b) ? 1 : 0;
    }

    /** FLT ({@code orEqual} false) and FLE: any NaN makes it false and invalid. */
    static long less(FpFormat f, long a, long b, boolean orEqual, FpRegisters fp) {
        if (f.isNaN(a) || f.isNaN(b)) {
            fp.raise(NV);
            return 0;
        }
        double x = f.toDouble(a);
        double y = f.toDouble(b);
        return (orEqual ? x <= y : x < y) ? 1 : 0;
    }

    /**
     * FMIN ({@code max} false) and FMAX: a NaN operand is ignored in favour of the other, two NaNs give the
     * canonical NaN, a signalling NaN is invalid, and -0 is smaller than +0.
     */
    static long minMax(FpFormat f, long a, long b, boolean max, FpRegisters fp) {
        if (f.isSignaling(a) || f.isSignaling(b)) {
            fp.raise(NV);
        }
        if (f.isNaN(a)) {
            return f.isNaN(b) ? f.canonicalNaN : b;
        }
        if (f.isNaN(b)) {
            return a;
        }
        double x = f.toDouble(a);
        double y = f.toDouble(b);
        boolean takeA = x == y ? f.isNegative(a) != max : (x < y) != max;
        return takeA ? a : b;
    }

    /** FCLASS: a one-hot mask, bit 0 negative infinity ... bit 7 positive infinity, 8 signalling NaN, 9 quiet NaN. */
    static long classify(FpFormat f, long a) {
        if (f.isNaN(a)) {
            return f.isSignaling(a) ? 1 << 8 : 1 << 9;
        }
        int kind;
        if (f.isInfinite(a)) {
            kind = 0;
        } else if (f.isZero(a)) {
            kind = 3;
        } else {
            kind = f.isSubnormal(a) ? 2 : 1;
        }
        return f.isNegative(a) ? 1L << kind : 1L << (7 - kind);
    }
}
