package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Sv39 guest passes under {@code hartlab bare}: guests/vm (translation, permissions, page faults, A/D) and
 * guests/stale, which checks the hartlab-specific promise that TLB entries stay stale until a matching SFENCE.VMA
 * (the spec would also allow a refetch, so QEMU does not run those).
 */
class VmSuiteTest {
    @TestFactory
    Stream<DynamicTest> everyVmTestExitsZeroUnderBare() throws IOException {
        var elfs = TestPaths.elfsIn(TestPaths.VM_ELFS);
        assertThat(elfs).as("VM test ELFs in " + TestPaths.VM_ELFS).isNotEmpty();
        return elfs.stream().map(elf -> DynamicTest.dynamicTest(elf.getFileName().toString(), () -> runPasses(elf)));
    }

    @TestFactory
    Stream<DynamicTest> everyStaleTlbTestExitsZeroUnderBare() throws IOException {
        var elfs = TestPaths.elfsIn(TestPaths.STALE_ELFS);
        assertThat(elfs).as("stale-TLB test ELFs in " + TestPaths.STALE_ELFS).hasSizeGreaterThanOrEqualTo(3);
        return elfs.stream().map(elf -> DynamicTest.dynamicTest(elf.getFileName().toString(), () -> runPasses(elf)));
    }

    private static void runPasses(Path elf) {
        CommandRun run = CommandRun.of("bare", "--max-instructions", "50000000", elf.toString());
        assertThat(run.exitCode())
                .as(elf.getFileName() + " exit code (test number that failed, or 0); stderr: " + run.err())
                .isZero();
    }
}
