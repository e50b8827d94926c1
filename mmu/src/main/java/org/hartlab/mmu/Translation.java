package org.hartlab.mmu;

/**
 * Encodes the result of {@link Sv39Mmu#translate} in one {@code long}, so that the hit path allocates nothing.
 *
 * <p>A physical address is at most 56 bits wide and therefore never negative; a fault is the bitwise complement of its
 * exception code, which is always negative. Callers test with {@link #isFault} before using the value as an address.
 */
public final class Translation {

    private Translation() {}

    /** Returns whether {@code result} is a fault rather than a physical address. */
    public static boolean isFault(long result) {
        return result < 0;
    }

    /** Returns the exception code of a fault result; undefined for a physical address. */
    public static int cause(long result) {
        return (int) ~result;
    }

    /** Returns the result that reports exception code {@code cause}; throws if {@code cause} is negative. */
    public static long fault(int cause) {
        if (cause < 0) {
            throw new IllegalArgumentException("Translation.fault: cause must be non-negative, got " + cause);
        }
        return ~(long) cause;
    }
}
