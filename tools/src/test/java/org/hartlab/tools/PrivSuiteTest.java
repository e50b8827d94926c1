package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every privileged-architecture guest (guests/priv: interrupts and their delegation, the timer, trap returns,
 * illegal instructions from lower modes, vectored trap vectors, physical memory protection) passes under
 * {@code hartlab bare}.
 */
class PrivSuiteTest {
    @TestFactory
    Stream<DynamicTest> everyPrivTestExitsZeroUnderBare() throws IOException {
        var elfs = TestPaths.elfsIn(TestPaths.PRIV_ELFS);
        assertThat(elfs).as("privileged test ELFs in " + TestPaths.PRIV_ELFS).hasSizeGreaterThanOrEqualTo(11);
        return elfs.stream().map(elf -> DynamicTest.dynamicTest(elf.getFileName().toString(), () -> runPasses(elf)));
    }

    /** The SSWI interrupt may arrive any number of instructions after the store that sent it. */
    @TestFactory
    Stream<DynamicTest> supervisorSoftwareInterruptArrivesAfterAnyIpiDelay() {
        Path elf = TestPaths.PRIV_ELFS.resolve("sswi-smode.elf");
        return Stream.of(
                DynamicTest.dynamicTest("deterministic ipi-delay 0..200",
                        () -> runPasses(elf, "--ipi-delay", "0..200", "--seed", "3")),
                DynamicTest.dynamicTest("parallel ipi-delay 0..200",
                        () -> runPasses(elf, "--ipi-delay", "0..200", "--engine", "parallel")));
    }

    private static void runPasses(Path elf, String... options) {
        String[] args = Stream.of(Stream.of("bare", "--max-instructions", "50000000"), Stream.of(options),
                Stream.of(elf.toString())).flatMap(s -> s).toArray(String[]::new);
        CommandRun run = CommandRun.of(args);
        assertThat(run.exitCode())
                .as(elf.getFileName() + " exit code (test number that failed, or 0); stderr: " + run.err())
                .isZero();
    }
}
