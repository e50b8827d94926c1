package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every multi-hart guest (guests/smp: AMO and LR/SC counters, MSIP ping-pong, SC after a same-value store) passes on
 * four harts: under the deterministic engine with several seeds and a spread of IPI delays, and under the parallel
 * engine. A failing deterministic run names its seed, so it can be repeated with {@code hartlab bare --seed}.
 */
class SmpSuiteTest {
    private static final List<String> SEEDS = List.of("1", "7", "20260501");
    private static final String IPI_DELAY = "0..300";

    @TestFactory
    Stream<DynamicTest> everySmpTestPassesOnFourHartsUnderEitherEngine() throws IOException {
        var elfs = TestPaths.elfsIn(TestPaths.SMP_ELFS);
        assertThat(elfs).as("SMP test ELFs in " + TestPaths.SMP_ELFS).hasSizeGreaterThanOrEqualTo(4);
        return elfs.stream().flatMap(elf -> Stream.concat(
                SEEDS.stream().map(seed -> DynamicTest.dynamicTest(
                        elf.getFileName() + " deterministic seed " + seed + " ipi-delay " + IPI_DELAY,
                        () -> runPasses(elf, "--seed", seed, "--ipi-delay", IPI_DELAY))),
                Stream.of(
                        DynamicTest.dynamicTest(elf.getFileName() + " parallel",
                                () -> runPasses(elf, "--engine", "parallel")),
                        DynamicTest.dynamicTest(elf.getFileName() + " parallel ipi-delay " + IPI_DELAY,
                                () -> runPasses(elf, "--engine", "parallel", "--ipi-delay", IPI_DELAY)))));
    }

    private static void runPasses(Path elf, String... options) {
        String[] args = Stream.of(Stream.of("bare", "--harts", "4", "--max-instructions", "50000000"),
                Stream.of(options), Stream.of(elf.toString())).flatMap(s -> s).toArray(String[]::new);
        CommandRun run = CommandRun.of(args);
        assertThat(run.exitCode())
                .as(elf.getFileName() + " exit code (test number that failed, or 0); stderr: " + run.err())
                .isZero();
    }
}
