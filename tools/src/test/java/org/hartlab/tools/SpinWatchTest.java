package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The spin hint's rule: every hart within a few bytes of code for half a billion instructions, said once. */
class SpinWatchTest {
    private static final long STEP = SpinWatch.SPIN_INSTRUCTIONS / 4;

    @Test
    void hartsThatKeepToAFewInstructionsGetTheHintOnceAfterTheSpan() {
        SpinWatch watch = new SpinWatch(2);
        long[] spinning = {0x8000_00acL, 0x8000_0024L};
        boolean[] told = new boolean[10];
        for (int k = 0; k < told.length; k++) {
            spinning[0] = 0x8000_00acL + (k % 3) * 4; // a three-instruction loop
            told[k] = watch.sample(k * STEP, spinning);
        }
        // the window opens at the first sample and spans SPIN_INSTRUCTIONS at the fifth
        assertThat(told).containsExactly(false, false, false, false, true, false, false, false, false, false);
        assertThat(watch.hint(2)).contains("hart 0 at 0x800000ac..0x800000b4", "hart 1 at 0x80000024..0x80000024",
                "more harts than --harts 2");
    }

    @Test
    void aHartThatMovesOnStartsTheSpanAgain() {
        SpinWatch watch = new SpinWatch(2);
        long[] pcs = {0x8000_0000L, 0x8000_1000L};
        for (int k = 0; k < 4; k++) {
            assertThat(watch.sample(k * STEP, pcs)).isFalse();
        }
        pcs[1] += SpinWatch.SPAN; // hart 1 leaves its loop just before the span is complete
        for (int k = 4; k < 8; k++) {
            assertThat(watch.sample(k * STEP, pcs)).as("sample %d", k).isFalse();
        }
        assertThat(watch.sample(8 * STEP, pcs)).as("a full span after the move").isTrue();
    }

    @Test
    void codeThatRunsOverMoreThanTheSpanNeverGetsIt() {
        SpinWatch watch = new SpinWatch(2);
        for (int k = 0; k < 40; k++) {
            long pc = 0x8000_0000L + (k % 2) * SpinWatch.SPAN;
            assertThat(watch.sample(k * STEP, new long[] {pc, pc})).isFalse();
        }
    }
}
