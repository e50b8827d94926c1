package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Arguments after the program name reach the guest, options too, as {@code env PROGRAM -c ...} and
 * {@code qemu-riscv64 PROGRAM -c ...} pass them (the bundled {@code args} prints its argv).
 */
class ProgramArgumentsTest {
    @Test
    void runPassesOptionsAfterTheProgramNameToTheGuest() {
        CommandRun r = CommandRun.of("run", "args", "-c", "echo hi", "--stats");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("argc=4\n", "argv[1]=-c\n", "argv[2]=echo hi\n", "argv[3]=--stats\n");
        assertThat(r.err()).as("--stats after the program is the program's").doesNotContain("cow-copies=");
    }

    @Test
    void runStillTakesDoubleDashBeforeTheProgram() {
        CommandRun r = CommandRun.of("run", "--seed", "2", "--", "args", "-c");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("argc=2\n", "argv[1]=-c\n");
    }

    @Test
    void stressGivesTheProgramTheOptionsStressDoesNotKnow() {
        CommandRun r = CommandRun.of("stress", "args", "-x", "--seeds", "1", "--strategy", "naive");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("stress args -x: seeds 1 (1) under naive;");
    }

    @Test
    void stressCallsAnUnknownOptionBeforeTheProgramUnknown() {
        CommandRun r = CommandRun.of("stress", "--bogus", "args");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("hartlab stress: Unknown option: '--bogus'\n");
    }

    @Test
    void stressTakesAnUnknownLongOptionForATypoUnlessItFollowsDoubleDash() {
        CommandRun typo = CommandRun.of("stress", "args", "--seds", "1");
        assertThat(typo.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.err()).startsWith("hartlab stress: Unknown option: '--seds'");
        CommandRun passed = CommandRun.of("stress", "args", "--seeds", "1", "--strategy", "naive", "--", "--seds");
        assertThat(passed.exitCode()).as(passed.err()).isZero();
        assertThat(passed.out()).startsWith("stress args --seds: seeds 1 (1) under naive;");
    }
}
