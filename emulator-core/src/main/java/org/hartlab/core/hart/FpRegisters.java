package org.hartlab.core.hart;

/**
 * The F/D state of one hart: f0–f31 as 64-bit patterns, and fcsr split into its two fields. A single value
 * lives NaN-boxed in the low half of a register whose upper 32 bits are all ones; read through
 * {@link #single} anything else is the canonical NaN.
 */
public final class FpRegisters {
    static final long BOX = 0xFFFF_FFFF_0000_0000L;
    static final int CANONICAL_NAN_SINGLE = 0x7FC0_0000;

    final long[] f = new long[32];
    /** Accrued exceptions, {@link FpFlags} bits. */
    int fflags;
    /** Dynamic rounding mode; any 3-bit value may be stored, the invalid ones trap only when used. */
    int frm;

    int single(int r) {
        long v = f[r];
        return (v & BOX) == BOX ? (int) v : CANONICAL_NAN_SINGLE;
    }

    void setSingle(int r, int bits) {
        f[r] = BOX | (bits & 0xFFFF_FFFFL);
    }

    void raise(int flags) {
        fflags |= flags;
    }

    int fcsr() {
        return frm << 5 | fflags;
    }

    /** The raw 64-bit contents of f{@code r}, as a debugger or a context switch sees them. */
    public long get(int r) {
        return f[r];
    }

    public void set(int r, long bits) {
        f[r] = bits;
    }
}
