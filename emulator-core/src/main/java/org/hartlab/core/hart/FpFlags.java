package org.hartlab.core.hart;

/** The accrued-exception bits of {@code fflags} (and of {@code fcsr}'s low five bits). */
final class FpFlags {
    private FpFlags() {
    }

    /** Inexact. */
    static final int NX = 1;
    /** Underflow: tiny after rounding and inexact. */
    static final int UF = 2;
    /** Overflow. */
    static final int OF = 4;
    /** Divide by zero. */
    static final int DZ = 8;
    /** Invalid operation. */
    static final int NV = 16;
}
