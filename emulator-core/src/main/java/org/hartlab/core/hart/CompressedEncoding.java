package org.hartlab.core.hart;

/**
 * A 16-bit encoding as data plus the small function that expands it into the base operation it stands for.
 * The expander returns {@code null} for the reserved corners of an encoding (e.g. C.ADDI4SPN with a zero
 * immediate, C.LWSP with rd=x0), which then decode as illegal.
 */
record CompressedEncoding(String mnemonic, int mask, int match, Expander expander) {
    @FunctionalInterface
    interface Expander {
        Insn expand(int bits, String mnemonic);
    }

    boolean matches(int bits) {
        return (bits & mask) == match;
    }
}
