package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every ISA test ELF passes when run through {@code hartlab bare}, exactly as a user would run it. */
class IsaSuiteTest {
    @TestFactory
    Stream<DynamicTest> everyIsaTestExitsZeroUnderBare() throws IOException {
        var elfs = TestPaths.elfsIn(TestPaths.ISA_ELFS);
        assertThat(elfs).as("ISA test ELFs in " + TestPaths.ISA_ELFS).hasSizeGreaterThanOrEqualTo(9);
        return elfs.stream().map(elf -> DynamicTest.dynamicTest(elf.getFileName().toString(), () -> runPasses(elf)));
    }

    /** Secondary harts park in WFI; the test must not notice them, under either engine. */
    @TestFactory
    Stream<DynamicTest> everyIsaTestPassesWithParkedSecondaryHarts() throws IOException {
        return TestPaths.elfsIn(TestPaths.ISA_ELFS).stream().flatMap(elf -> Stream.of(
                DynamicTest.dynamicTest(elf.getFileName() + " deterministic x3",
                        () -> runPasses(elf, "--harts", "3", "--seed", "7")),
                DynamicTest.dynamicTest(elf.getFileName() + " parallel x2",
                        () -> runPasses(elf, "--harts", "2", "--engine", "parallel"))));
    }

    private static void runPasses(Path elf, String... options) {
        String[] args = Stream.concat(Stream.concat(Stream.of("bare", "--max-instructions", "50000000"),
                Stream.of(options)), Stream.of(elf.toString())).toArray(String[]::new);
        CommandRun run = CommandRun.of(args);
        assertThat(run.exitCode()).as("exit code (test number that failed, or 0); stderr: " + run.err()).isZero();
    }
}
