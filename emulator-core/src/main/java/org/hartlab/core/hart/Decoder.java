package org.hartlab.core.hart;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns instruction bits into {@link Insn}s by matching them against the encoding tables. Runs only on a
 * decoded-instruction cache miss, so clarity beats speed here; the tables are bucketed by major opcode
 * (or by quadrant and funct3 for compressed) to keep the scan short.
 */
public final class Decoder {
    private static final List<List<Encoding>> BY_OPCODE = bucket32();
    private static final List<List<CompressedEncoding>> BY_FUNCT3 = bucket16();

    private Decoder() {
    }

    /** True when the low bits mark a 16-bit (compressed) instruction. */
    public static boolean isCompressed(int firstHalf) {
        return (firstHalf & 3) != 3;
    }

    /** Decodes one instruction: a 16-bit one when {@code bits}' low two bits are not 11, else 32-bit. */
    public static Insn decode(int bits) {
        if (isCompressed(bits)) {
            return decode16(bits & 0xFFFF);
        }
        for (Encoding e : BY_OPCODE.get(bits & 0x7F)) {
            if (e.matches(bits)) {
                return e.format().decode(bits, e);
            }
        }
        return Insn.illegal(bits, 4);
    }

    private static Insn decode16(int bits) {
        for (CompressedEncoding e : BY_FUNCT3.get(compressedBucket(bits))) {
            if (e.matches(bits)) {
                Insn insn = e.expander().expand(bits, e.mnemonic());
                return insn != null ? insn : Insn.illegal(bits, 2);
            }
        }
        return Insn.illegal(bits, 2);
    }

    static int rd(int bits) {
        int rd = (bits >>> 7) & 31;
        return rd == 0 ? Hart.SINK : rd;
    }

    private static int compressedBucket(int bits) {
        return ((bits >>> 13) & 7) << 2 | (bits & 3);
    }

    private static List<List<Encoding>> bucket32() {
        List<List<Encoding>> buckets = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            buckets.add(new ArrayList<>());
        }
        for (Encoding e : Encodings.ALL) {
            buckets.get(e.match() & 0x7F).add(e);
        }
        return buckets.stream().map(List::copyOf).toList();
    }

    private static List<List<CompressedEncoding>> bucket16() {
        List<List<CompressedEncoding>> buckets = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            buckets.add(new ArrayList<>());
        }
        for (CompressedEncoding e : CompressedEncodings.ALL) {
            buckets.get(compressedBucket(e.match())).add(e);
        }
        return buckets.stream().map(List::copyOf).toList();
    }
}
