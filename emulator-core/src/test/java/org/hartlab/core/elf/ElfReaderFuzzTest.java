package org.hartlab.core.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.RunResult;
import org.hartlab.core.fuzz.SeededFuzzer;
import org.junit.jupiter.api.Test;

/**
 * Malformed ELF files (truncated headers, overlapping or huge segments, wrong machine, odd symbol tables) are
 * refused with one line naming the file; whatever is accepted loads into a machine or is refused the same way,
 * and then runs to one of {@link RunResult}'s outcomes. Regression inputs, a real ISA test among them:
 * {@code src/test/resources/org/hartlab/core/elf/ElfReaderFuzzTestInputs/}.
 */
class ElfReaderFuzzTest {
    private static final String NAME = "fuzz.elf";

    /** In every build: 10_000 inputs mutated from the committed ones (see {@link SeededFuzzer}). */
    @Test
    void seededMutationsOfTheCommittedInputsKeepTheProperty() {
        SeededFuzzer fuzzer = new SeededFuzzer(ElfReaderFuzzTest.class, "anyBytesAreAnImageThatLoadsOrRefusedInOneLine",
                0x10000);
        assertThat(fuzzer.corpusSize()).as("committed regression inputs").isPositive();
        fuzzer.run(10_000, this::anyBytesAreAnImageThatLoadsOrRefusedInOneLine);
    }

    @FuzzTest(maxDuration = "5m")
    void anyBytesAreAnImageThatLoadsOrRefusedInOneLine(byte[] file) {
        ElfImage image;
        try {
            image = ElfReader.read(NAME, file);
        } catch (ElfLoadException e) {
            assertOneLine(e);
            return;
        }
        assertThat(image.segments()).isNotEmpty().allSatisfy(s -> assertThat(s.memorySize()).isGreaterThanOrEqualTo(
                s.data().length));

        Machine machine = new Machine(MachineConfig.defaults().withRamMiB(1), OutputStream.nullOutputStream());
        try {
            machine.load(image);
        } catch (ElfLoadException e) {
            assertOneLine(e);
            return;
        }
        RunResult result = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> machine.run(2_000), "hang");
        assertThat(result.outcome()).isIn(EnumSet.of(RunResult.Outcome.EXITED,
                RunResult.Outcome.INSTRUCTION_LIMIT, RunResult.Outcome.DEADLOCK));
    }

    private static void assertOneLine(ElfLoadException e) {
        assertThat(e.getMessage()).startsWith(NAME + ": ").doesNotContain("\n", "\r").doesNotEndWith("null");
    }
}
