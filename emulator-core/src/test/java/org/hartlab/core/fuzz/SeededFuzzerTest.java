package org.hartlab.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-build fuzzer: the same inputs on every run of a seed, and a failing input kept under target/. */
class SeededFuzzerTest {
    /** Its committed inputs: {@code src/test/resources/org/hartlab/core/fuzz/SeededFuzzerTestInputs/sample/}. */
    private static final String METHOD = "sample";

    private static List<String> inputs(int executions) {
        List<String> seen = new ArrayList<>();
        new SeededFuzzer(SeededFuzzerTest.class, METHOD, 64)
                .run(executions, input -> seen.add(HexFormat.of().formatHex(input)));
        return seen;
    }

    @Test
    void theCommittedInputsAreFound() {
        assertThat(new SeededFuzzer(SeededFuzzerTest.class, METHOD, 64).corpusSize()).isEqualTo(2);
    }

    @Test
    void aSeedMakesTheSameInputsOnEveryRun() {
        List<String> first = inputs(500);
        assertThat(first).hasSize(500).isEqualTo(inputs(500));
        assertThat(first.stream().distinct().count()).as("distinct inputs").isGreaterThan(400);
    }

    @Test
    void aFailingInputIsKeptUnderTargetAndTheFailureSaysWhereItBelongs() throws Exception {
        SeededFuzzer fuzzer = new SeededFuzzer(SeededFuzzerTest.class, METHOD, 64);
        byte[][] failing = new byte[1][];
        assertThatThrownBy(() -> fuzzer.run(10_000, input -> {
            if (input.length > 8 && (input[3] & 0xFF) == 0x7F) {
                failing[0] = input;
                throw new IllegalStateException("found it");
            }
        })).isInstanceOf(AssertionError.class)
                .hasMessageContaining("seed " + SeededFuzzer.seed() + ", execution ")
                .hasMessageContaining("found it")
                .hasMessageContaining("src/test/resources/org/hartlab/core/fuzz/SeededFuzzerTestInputs/"
                        + METHOD + "/ to make it a regression input")
                .satisfies(e -> {
                    String kept = e.getMessage().replaceFirst("(?s).*kept in (\\S+);.*", "$1");
                    assertThat(Path.of(kept)).startsWith(Path.of("target", "fuzz-findings").toAbsolutePath());
                    assertThat(Files.readAllBytes(Path.of(kept))).isEqualTo(failing[0]);
                    Files.delete(Path.of(kept));
                });
    }
}
