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

    private static void runPasses(Path elf) {
        CommandRun run = CommandRun.of("bare", "--max-instructions", "50000000", elf.toString());
        assertThat(run.exitCode()).as("exit code (test number that failed, or 0); stderr: " + run.err()).isZero();
    }
}
