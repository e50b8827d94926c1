package org.hartlab.core.hart;

/** A 32-bit encoding as data: an instruction matches when {@code (bits & mask) == match}. */
record Encoding(String mnemonic, int mask, int match, Format format, int op) {
    boolean matches(int bits) {
        return (bits & mask) == match;
    }
}
