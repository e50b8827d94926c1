package org.hartlab.core.hart;

/** The {@code rm} field values of FP instructions and of {@code frm}; plain ints like {@link Op}. */
final class RoundingMode {
    private RoundingMode() {
    }

    /** Round to nearest, ties to even. */
    static final int RNE = 0;
    /** Round towards zero. */
    static final int RTZ = 1;
    /** Round down, towards negative infinity. */
    static final int RDN = 2;
    /** Round up, towards positive infinity. */
    static final int RUP = 3;
    /** Round to nearest, ties to max magnitude (away from zero). */
    static final int RMM = 4;
    /** In an instruction's rm field: use {@code frm}. */
    static final int DYN = 7;

    /** True for the modes an operation can round with (5 and 6 are reserved, 7 only names frm). */
    static boolean isValid(int rm) {
        return rm <= RMM;
    }
}
