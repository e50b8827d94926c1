package org.hartlab.core.hart;

/**
 * M-extension arithmetic with the results the unprivileged spec defines for the corner cases: division by
 * zero gives all ones (quotient) or the dividend (remainder); signed overflow (MIN / -1) gives MIN and 0.
 * The 32-bit forms sign-extend their 32-bit results.
 */
final class Alu {
    private Alu() {
    }

    static long mulhsu(long a, long b) {
        // a * (unsigned b) = a * (signed b) + a * 2^64 when b's top bit is set.
        return Math.multiplyHigh(a, b) + (b < 0 ? a : 0);
    }

    static long div(long a, long b) {
        if (b == 0) {
            return -1;
        }
        return a == Long.MIN_VALUE && b == -1 ? a : a / b;
    }

    static long divu(long a, long b) {
        return b == 0 ? -1 : Long.divideUnsigned(a, b);
    }

    static long rem(long a, long b) {
        if (b == 0) {
            return a;
        }
        return a == Long.MIN_VALUE && b == -1 ? 0 : a % b;
    }

    static long remu(long a, long b) {
        return b == 0 ? a : Long.remainderUnsigned(a, b);
    }

    static long divw(int a, int b) {
        if (b == 0) {
            return -1;
        }
        return a == Integer.MIN_VALUE && b == -1 ? a : a / b;
    }

    static long divuw(int a, int b) {
        return b == 0 ? -1 : Integer.divideUnsigned(a, b);
    }

    static long remw(int a, int b) {
        if (b == 0) {
            return a;
        }
        return a == Integer.MIN_VALUE && b == -1 ? 0 : a % b;
    }

    static long remuw(int a, int b) {
        return b == 0 ? a : Integer.remainderUnsigned(a, b);
    }
}
