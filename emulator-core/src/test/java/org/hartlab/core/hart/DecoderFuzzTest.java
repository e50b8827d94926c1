package org.hartlab.core.hart;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.hartlab.core.fuzz.SeededFuzzer;
import org.junit.jupiter.api.Test;

/**
 * The decoder on any bits: it never throws, and what it returns is consistent with the bits it was given.
 * Each input is read as a run of halfwords; every halfword offset starts one candidate instruction (the
 * following halfword, or zero past the end, supplies its upper half), as a fetch at that offset would see it.
 * Regression inputs: {@code src/test/resources/org/hartlab/core/hart/DecoderFuzzTestInputs/}.
 */
class DecoderFuzzTest {
    /** In every build: 20_000 inputs mutated from the committed ones (see {@link SeededFuzzer}). */
    @Test
    void seededMutationsOfTheCommittedInputsKeepTheProperty() {
        SeededFuzzer fuzzer =
                new SeededFuzzer(DecoderFuzzTest.class, "anyBitsDecodeToAnInstructionOfTheLengthTheirLowBitsGive", 64);
        assertThat(fuzzer.corpusSize()).as("committed regression inputs").isPositive();
        fuzzer.run(20_000, this::anyBitsDecodeToAnInstructionOfTheLengthTheirLowBitsGive);
    }

    @FuzzTest(maxDuration = "5m")
    void anyBitsDecodeToAnInstructionOfTheLengthTheirLowBitsGive(byte[] data) {
        for (int at = 0; at < data.length; at += 2) {
            int bits = halfword(data, at) | halfword(data, at + 2) << 16;
            Insn insn = Decoder.decode(bits);
            boolean compressed = Decoder.isCompressed(bits);

            assertThat(insn.length()).isEqualTo(compressed ? 2 : 4);
            assertThat(insn.bits()).isEqualTo(compressed ? bits & 0xFFFF : bits);
            assertThat(insn.op()).isBetween(Op.ILLEGAL, Op.FCVT_D_S);
            assertThat(insn.op() == Op.ILLEGAL).isEqualTo(insn.mnemonic().equals("illegal"));
            assertThat(insn.rd()).as("rd of %s", insn).isBetween(0, Hart.SINK); // 0 only for f0
            assertThat(insn.rs1()).as("rs1 of %s", insn).isBetween(0, 31);
            assertThat(insn.rs2()).as("rs2 of %s", insn).isBetween(0, 31);
            assertThat(Decoder.decode(insn.bits())).as("decoding the bits it reports").isEqualTo(insn);
        }
    }

    private static int halfword(byte[] data, int at) {
        int low = at < data.length ? data[at] & 0xFF : 0;
        int high = at + 1 < data.length ? data[at + 1] & 0xFF : 0;
        return low | high << 8;
    }
}
