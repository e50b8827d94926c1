package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bad options give one line in the user's terms: the option, its limit, where to look; no class names. */
class UsageMessagesTest {
    @Test
    void aBadTlbShapeNamesTheOptionsNotTheClass() {
        CommandRun r = CommandRun.of("run", "--tlb-entries", "0", "hello");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("hartlab run: --tlb-entries 0 --tlb-ways ")
                .endsWith(": entries must be positive, got 0\n").doesNotContain("TlbConfig");
    }

    @Test
    void anIpiDelayTooLongSaysTheLimit() {
        CommandRun r = CommandRun.of("run", "--ipi-delay", "0..99999999999", "hello");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo(
                "hartlab run: ipi delay 99999999999 is too long: at most 2147483647 cycles, got '0..99999999999'\n");
    }

    @Test
    void aMalformedIpiDelaySaysTheForm() {
        CommandRun r = CommandRun.of("bare", "--ipi-delay", "soon", "x.elf");
        assertThat(r.err()).isEqualTo(
                "hartlab bare: ipi delay must be N or MIN..MAX (cycles, 0..2147483647), got 'soon'\n");
    }

    @Test
    void anUnknownProgramPointsToTheListOfBundledOnesAndTheListIsThere() {
        CommandRun r = CommandRun.of("run", "cow-rase");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo(
                "hartlab run: cow-rase: no such file, nor a bundled program (run --help lists them)\n");
        assertThat(CommandRun.of("run", "--help").out()).contains("cow-race", "glibc-condvar", "hello");
    }

    @Test
    void theSeedLineSuggestsOnlyTheOptionsNotGiven() {
        assertThat(CommandRun.of("run", "hello").err())
                .contains("hartlab run: seed 1, schedule uniform (pass --seed 1 --schedule uniform to repeat this run)\n");
        assertThat(CommandRun.of("run", "--seed", "3", "hello").err())
                .contains("hartlab run: seed 3, schedule uniform (pass --schedule uniform to repeat this run)\n");
        assertThat(CommandRun.of("run", "--seed", "3", "--schedule", "uniform", "hello").err())
                .contains("hartlab run: seed 3, schedule uniform\n").doesNotContain("pass");
    }
}
