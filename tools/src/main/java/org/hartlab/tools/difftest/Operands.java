package org.hartlab.tools.difftest;

import java.util.SplittableRandom;

/**
 * Operand values that find bugs: the edges of signed and unsigned 64- and 32-bit arithmetic, values whose
 * upper half is garbage (W instructions must ignore it), shift amounts around 32 and 64, and the operand pairs
 * of the M extension's special cases (divide by zero, MIN / -1), mixed with plain random values.
 */
final class Operands {
    private Operands() {
    }

    private static final long[] EDGES = {0, 1, -1, 2, -2, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1,
        0xFFFF_FFFF_8000_0000L, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L, 0x8000L, 0xFFFFL,
        0x7FFL, 0x800L, 0xFFFF_FFFF_FFFF_F800L, 31, 32, 63, 64};

    /** Any register value: an edge, a small number, a single bit, or random bits of some width. */
    static long value(SplittableRandom rnd) {
        return switch (rnd.nextInt(10)) {
            case 0, 1 -> EDGES[rnd.nextInt(EDGES.length)];
            case 2 -> rnd.nextInt(-16, 17);
            case 3 -> 1L << rnd.nextInt(64);
            case 4 -> ~(1L << rnd.nextInt(64));
            case 5 -> rnd.nextInt(); // sign-extended 32-bit
            case 6 -> rnd.nextLong() << 32 | (rnd.nextBoolean() ? 0x8000_0000L : 0xFFFF_FFFFL); // garbage above
            case 7 -> rnd.nextInt(1 << 12) - (1 << 11);
            default -> rnd.nextLong();
        };
    }

    /** A dividend for the M extension: often the most negative 64- or 32-bit value. */
    static long dividend(SplittableRandom rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> 0xFFFF_FFFF_8000_0000L;
            case 2 -> rnd.nextLong() << 32 | 0x8000_0000L; // INT_MIN in the low word, garbage above
            default -> value(rnd);
        };
    }

    /** A divisor: zero and minus one (64- or 32-bit) half of the time. */
    static long divisor(SplittableRandom rnd) {
        return switch (rnd.nextInt(8)) {
            case 0, 1 -> 0;
            case 2 -> -1;
            case 3 -> rnd.nextLong() << 32; // zero as a 32-bit divisor only
            case 4 -> rnd.nextLong() << 32 | 0xFFFF_FFFFL; // -1 as a 32-bit divisor only
            default -> value(rnd);
        };
    }

    /** A 12-bit signed immediate, the edges often. */
    static int imm12(SplittableRandom rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> new int[] {0, -1, 1, 2047, -2048, 0x7F0}[rnd.nextInt(6)];
            case 1, 2 -> rnd.nextInt(-16, 17);
            default -> rnd.nextInt(-2048, 2048);
        };
    }

    /** A shift amount below {@code limit} (32 or 64), the boundaries often. */
    static int shamt(SplittableRandom rnd, int limit) {
        return rnd.nextInt(3) == 0 ? new int[] {0, 1, limit / 2 - 1, limit / 2, limit - 1}[rnd.nextInt(5)]
                : rnd.nextInt(limit);
    }

    /** A 6-bit signed immediate for the C extension, never 0 when {@code nonZero}. */
    static int imm6(SplittableRandom rnd, boolean nonZero) {
        int v;
        do {
            v = rnd.nextInt(-32, 32);
        } while (nonZero && v == 0);
        return v;
    }
}
