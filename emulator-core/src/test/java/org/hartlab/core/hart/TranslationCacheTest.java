package org.hartlab.core.hart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One translation per distinct region, whichever machine asks: the same instructions at the same offsets. */
class TranslationCacheTest {
    private static Insn[] block(String... asm) {
        Insn[] insns = new Insn[asm.length];
        for (int k = 0; k < asm.length; k++) {
            insns[k] = Decoder.decode(HartFixture.word(asm[k]));
        }
        return insns;
    }

    @Test
    void theSameInstructionsDecodedAgainShareOneTranslation() {
        CompiledBlock first = TranslationCache.translate(Region.single(block("mul x5, x6, x7", "addw x5, x6, x7"), 2));
        CompiledBlock again = TranslationCache.translate(Region.single(block("mul x5, x6, x7", "addw x5, x6, x7"), 2));
        assertThat(again).isSameAs(first);
    }

    @Test
    void anyDifferenceInInstructionsOrLengthGivesItsOwnTranslation() {
        CompiledBlock both = TranslationCache.translate(Region.single(block("mul x5, x6, x7", "sll x5, x6, x7"), 2));
        CompiledBlock other = TranslationCache.translate(Region.single(block("mul x5, x6, x7", "srl x5, x6, x7"), 2));
        CompiledBlock shorter = TranslationCache.translate(Region.single(block("mul x5, x6, x7", "sll x5, x6, x7"), 1));
        assertThat(other).isNotSameAs(both);
        assertThat(shorter).isNotSameAs(both).isNotSameAs(other);
    }
}
