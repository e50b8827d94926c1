package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code hartlab bench}: its table, and one line for every kind of bad input (never a stack trace). */
class BenchCommandTest {
    @Test
    void aBundledGuestRunsToItsInstructionCountAndARate() {
        CommandRun r = CommandRun.of("bench", "--repeat", "1", "loop");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("cpu-MIPS", "first-MIPS")
                .containsPattern("\nloop +500000047 +\\d+\\.\\d+ +\\d+\\.\\d+ +\\d+\\.\\d+ +\\d+\\.\\d+ +\\d+\\.\\d\\n");
        // with one run, the first is the fastest
        String[] columns = r.out().lines().filter(l -> l.startsWith("loop ")).findFirst().orElseThrow().split(" +");
        assertThat(columns[6]).isEqualTo(columns[3]);
        // cpu-MIPS is instructions per CPU second of the process: CPU time, JIT and GC threads included
        double cpuMips = Double.parseDouble(columns[4]);
        double cpuSeconds = Double.parseDouble(columns[5]);
        assertThat(cpuMips * cpuSeconds).isCloseTo(500.000047, org.assertj.core.data.Percentage.withPercentage(1));
    }

    @Test
    void coldTimesTheProgramInANewJvmThatRunsItToTheSameEnd() {
        CommandRun r = CommandRun.of("bench", "--repeat", "1", "--cold", "loop");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("cold-s", "cold-MIPS");
        String[] columns = r.out().lines().filter(l -> l.startsWith("loop ")).findFirst().orElseThrow().split(" +");
        assertThat(columns).hasSize(9);
        double coldSeconds = Double.parseDouble(columns[7]);
        // the new JVM ran the guest to its clean exit (a failure prints "cold run failed"), start-up included
        assertThat(coldSeconds).isGreaterThan(0);
        assertThat(Double.parseDouble(columns[8])).isCloseTo(500.000047 / coldSeconds,
                org.assertj.core.data.Percentage.withPercentage(1));
    }

    @Test
    void callmixReachesItsChecksumBareAndUnderSv39() {
        // a wrong checksum makes the guest exit 1, which bench reports as a failure
        CommandRun r = CommandRun.of("bench", "--repeat", "1", "callmix", "callmix-sv39");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("\ncallmix +263588660 ").containsPattern("\ncallmix-sv39 +\\d+ ")
                .containsPattern("\nSv39/Bare speed: callmix \\d+\\.\\d\\d\\n");
    }

    @Test
    void aProgramRunWithAndWithoutSv39GetsItsSpeedRatio() {
        CommandRun r = CommandRun.of("bench", "--repeat", "1", "pointer-chase", "pointer-chase-sv39");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("\nSv39/Bare speed: pointer-chase \\d+\\.\\d\\d\\n");
        assertThat(CommandRun.of("bench", "--repeat", "1", "loop").out()).doesNotContain("Sv39/Bare");
    }

    @Test
    void cowReportsTheHostTimeInsideCopyingFaultsWithAndWithoutShootdowns() {
        CommandRun r = CommandRun.of("bench", "--repeat", "1", "cow");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // cow-race shoots every copy down on the two other threads' harts; cow-cost's lone thread needs no IPI
        assertThat(r.out()).contains("fault-us")
                .containsPattern("\ncow-race +4 +[1-9]\\d* +[1-9]\\d* +\\d+\\.\\d+ +\\d+\\.\\d +\\d+\\.\\d +[1-9]\\.\\d\\d\\n")
                .containsPattern("\ncow-cost +4 +[1-9]\\d* +0 +\\d+\\.\\d+ +\\d+\\.\\d +\\d+\\.\\d +0\\.00\\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nosuch                  | hartlab bench: nosuch: no such file",
        "--repeat 0 loop         | hartlab bench: --repeat must be positive",
        "--harts 0 loop          | hartlab bench: harts must be 1..64, got 0",
        "--engine fast loop      | hartlab bench: ",
        "cow loop                | hartlab bench: cow runs alone"})
    void badInputIsOneLineAndExitTwo(String args, String message) {
        CommandRun r = CommandRun.of(("bench " + args).split(" +"));
        assertThat(r.err()).startsWith(message).hasLineCount(1).doesNotContain("Exception");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
