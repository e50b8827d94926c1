package org.hartlab.core.hart;

import static org.hartlab.core.hart.FpFlags.DZ;
import static org.hartlab.core.hart.FpFlags.NV;
import static org.hartlab.core.hart.FpFlags.NX;
import static org.hartlab.core.hart.FpFlags.OF;
import static org.hartlab.core.hart.FpFlags.UF;

import java.math.BigInteger;

/**
 * The exact slow path of F and D arithmetic, for either format: special operands (NaN, infinity, zero) by the
 * rules of IEEE 754-2008 as RISC-V refines them (every NaN result is the canonical NaN), and finite operands by
 * computing the exact result as an integer significand times a power of two, then rounding it once in any mode
 * with exact flags. {@link FloatOps} and {@link DoubleOps} come here only when their native-arithmetic fast path
 * cannot vouch for the result, so clarity beats speed.
 */
final class FpArith {
    private FpArith() {
    }

    static long add(FpFormat f, long a, long b, int rm, FpRegisters fp) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nan(f, fp, a, b);
        }
        if (f.isInfinite(a) || f.isInfinite(b)) {
            if (f.isInfinite(a) && f.isInfinite(b) && f.isNegative(a) != f.isNegative(b)) {
                return invalid(f, fp);
            }
            return f.isInfinite(a) ? a : b;
        }
        return sum(f, f.isNegative(a), f.magnitude(a), f.exponent(a), f.isNegative(b), f.magnitude(b), f.exponent(b),
                rm, fp);
    }

    static long mul(FpFormat f, long a, long b, int rm, FpRegisters fp) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nan(f, fp, a, b);
        }
        boolean negative = f.isNegative(a) != f.isNegative(b);
        if (f.isInfinite(a) || f.isInfinite(b)) {
            return f.isZero(a) || f.isZero(b) ? invalid(f, fp) : f.infinity(negative);
        }
        if (f.isZero(a) || f.isZero(b)) {
            return f.zero(negative);
        }
        return round(f, negative, f.magnitude(a).multiply(f.magnitude(b)), f.exponent(a) + f.exponent(b), false, rm,
                fp);
    }

    /** a * b + c with a single rounding; the FMSUB/FNMADD/FNMSUB forms negate their operands first. */
    static long fma(FpFormat f, long a, long b, long c, int rm, FpRegisters fp) {
        // RISC-V: infinity times zero is invalid even when the addend is a quiet NaN.
        if ((f.isInfinite(a) && f.isZero(b)) || (f.isZero(a) && f.isInfinite(b))) {
            return invalid(f, fp);
        }
        if (f.isNaN(a) || f.isNaN(b) || f.isNaN(c)) {
            return nan(f, fp, a, b, c);
        }
        boolean productNegative = f.isNegative(a) != f.isNegative(b);
        if (f.isInfinite(a) || f.isInfinite(b)) {
            if (f.isInfinite(c) && f.isNegative(c) != productNegative) {
                return invalid(f, fp);
            }
            return f.infinity(productNegative);
        }
        if (f.isInfinite(c)) {
            return c;
        }
        return sum(f, productNegative, f.magnitude(a).multiply(f.magnitude(b)), f.exponent(a) + f.exponent(b),
                f.isNegative(c), f.magnitude(c), f.exponent(c), rm, fp);
    }

    static long div(FpFormat f, long a, long b, int rm, FpRegisters fp) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nan(f, fp, a, b);
        }
        boolean negative = f.isNegative(a) != f.isNegative(b);
        if (f.isInfinite(a)) {
            return f.isInfinite(b) ? invalid(f, fp) : f.infinity(negative);
        }
        if (f.isInfinite(b)) {
            return f.zero(negative);
        }
        if (f.isZero(b)) {
            if (f.isZero(a)) {
                return invalid(f, fp);
            }
            fp.raise(DZ);
            return f.infinity(negative);
        }
        if (f.isZero(a)) {
            return f.zero(negative);
        }
        BigInteger ma = f.magnitude(a);
        BigInteger mb = f.magnitude(b);
        // Enough quotient bits for round() to see the rounding bit and one more; the remainder is the sticky bit.
        int k = Math.max(0, f.precision + 3 + mb.bitLength() - ma.bitLength());
        BigInteger[] qr = ma.shiftLeft(k).divideAndRemainder(mb);
        return round(f, negative, qr[0], f.exponent(a) - f.exponent(b) - k, qr[1].signum() != 0, rm, fp);
    }

    static long sqrt(FpFormat f, long a, int rm, FpRegisters fp) {
        if (f.isNaN(a)) {
            return nan(f, fp, a);
        }
        if (f.isZero(a)) {
            return a; // sqrt(-0) = -0
        }
        if (f.isNegative(a)) {
            return invalid(f, fp);
        }
        if (f.isInfinite(a)) {
            return a;
        }
        BigInteger m = f.magnitude(a);
        int e = f.exponent(a);
        // Scale to an even exponent and enough bits that the integer root carries precision + 2 bits.
        int k = Math.max(0, 2 * (f.precision + 2) - m.bitLength());
        if (((e - k) & 1) != 0) {
            k++;
        }
        BigInteger scaled = m.shiftLeft(k);
        BigInteger root = scaled.sqrt();
        return round(f, false, root, (e - k) / 2, !root.multiply(root).equals(scaled), rm, fp);
    }

    /** FCVT between the formats (narrowing rounds; widening is exact). */
    static long convert(FpFormat from, FpFormat to, long a, int rm, FpRegisters fp) {
        if (from.isNaN(a)) {
            if (from.isSignaling(a)) {
                fp.raise(NV);
            }
            return to.canonicalNaN;
        }
        boolean negative = from.isNegative(a);
        if (from.isInfinite(a)) {
            return to.infinity(negative);
        }
        if (from.isZero(a)) {
            return to.zero(negative);
        }
        return round(to, negative, from.magnitude(a), from.exponent(a), false, rm, fp);
    }

    /** An integer converted to format {@code f}; zero is +0. */
    static long fromInteger(FpFormat f, BigInteger value, int rm, FpRegisters fp) {
        if (value.signum() == 0) {
            return 0;
        }
        return round(f, value.signum() < 0, value.abs(), 0, false, rm, fp);
    }

    /**
     * The exact sum of two finite signed terms {@code m * 2^e}. An exact zero is -0 only when both terms are
     * negative zeros, or when the terms differ in sign and the mode rounds down (IEEE 754 section 6.3).
     */
    private static long sum(FpFormat f, boolean na, BigInteger ma, int ea, boolean nb, BigInteger mb, int eb, int rm,
                            FpRegisters fp) {
        int e = Math.min(ea, eb);
        BigInteger x = signed(na, ma.shiftLeft(ea - e)).add(signed(nb, mb.shiftLeft(eb - e)));
        if (x.signum() == 0) {
            return f.zero(na == nb ? na : rm == RoundingMode.RDN);
        }
        return round(f, x.signum() < 0, x.abs(), e, false, rm, fp);
    }

    private static BigInteger signed(boolean negative, BigInteger magnitude) {
        return negative ? magnitude.negate() : magnitude;
    }

    private static long nan(FpFormat f, FpRegisters fp, long... operands) {
        for (long x : operands) {
            if (f.isSignaling(x)) {
                fp.raise(NV);
            }
        }
        return f.canonicalNaN;
    }

    private static long invalid(FpFormat f, FpRegisters fp) {
        fp.raise(NV);
        return f.canonicalNaN;
    }

    /**
     * Rounds {@code magnitude * 2^exp} (plus a nonzero amount below its last bit when {@code sticky}) to format
     * {@code f} in mode {@code rm}, raising NX, UF (tiny after rounding, as RISC-V detects it, and inexact) and OF.
     * When {@code sticky} is set the magnitude must carry at least precision + 2 bits, so that the bit below
     * the rounding position is in it; a nonzero magnitude is required.
     */
    static long round(FpFormat f, boolean negative, BigInteger magnitude, int exp, boolean sticky, int rm,
                      FpRegisters fp) {
        int p = f.precision;
        int top = exp + magnitude.bitLength() - 1; // the exponent of the leading bit
        // Tininess after rounding: rounded as if the exponent range were unbounded, is the value below 2^emin?
        BigInteger unbounded = roundAt(magnitude, top - p + 1 - exp, sticky, negative, rm);
        boolean tiny = top + (unbounded.bitLength() > p ? 1 : 0) < f.emin;
        int lsb = Math.max(top, f.emin) - p + 1; // subnormals keep fewer bits
        BigInteger rounded = roundAt(magnitude, lsb - exp, sticky, negative, rm);
        boolean inexact = sticky || magnitude.getLowestSetBit() < lsb - exp; // bits below the last kept one
        if (rounded.bitLength() > p) { // carried into a new leading bit
            rounded = rounded.shiftRight(1);
            lsb++;
        }
        long sign = f.zero(negative);
        if (lsb + p - 1 > f.emax) {
            fp.raise(OF | NX);
            boolean toInfinity = switch (rm) {
                case RoundingMode.RTZ -> false;
                case RoundingMode.RDN -> negative;
                case RoundingMode.RUP -> !negative;
                default -> true;
            };
            return sign | (toInfinity ? f.infinity : f.maxFinite);
        }
        if (inexact) {
            fp.raise(tiny ? NX | UF : NX);
        }
        long bits = rounded.longValue();
        if (rounded.bitLength() == p) {
            return sign | ((long) (lsb + p - 1 + f.bias) << (p - 1)) | (bits & f.fractionMask);
        }
        return sign | bits; // subnormal (or zero): lsb is the subnormal exponent, the exponent field 0
    }

    /** {@code magnitude * 2^-shift} rounded to an integer in mode {@code rm}. */
    private static BigInteger roundAt(BigInteger magnitude, int shift, boolean sticky, boolean negative, int rm) {
        if (shift <= 0) {
            return magnitude.shiftLeft(-shift);
        }
        BigInteger kept = magnitude.shiftRight(shift);
        BigInteger rest = magnitude.subtract(kept.shiftLeft(shift));
        int vsHalf = rest.compareTo(BigInteger.ONE.shiftLeft(shift - 1));
        if (vsHalf == 0 && sticky) {
            vsHalf = 1;
        }
        boolean inexact = sticky || rest.signum() != 0;
        boolean up = switch (rm) {
            case RoundingMode.RNE -> vsHalf > 0 || (vsHalf == 0 && kept.testBit(0));
            case RoundingMode.RMM -> vsHalf >= 0;
            case RoundingMode.RUP -> inexact && !negative;
            case RoundingMode.RDN -> inexact && negative;
            default -> false;
        };
        return up ? kept.add(BigInteger.ONE) : kept;
    }
}
