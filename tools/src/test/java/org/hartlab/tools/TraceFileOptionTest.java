package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --trace FILE}: checked before anything runs, with the system's reason; {@code .gz} writes gzip. */
class TraceFileOptionTest {
    @TempDir
    Path dir;

    @Test
    void runRefusesATraceInAMissingDirectoryBeforeTheProgramRuns() {
        Path trace = dir.resolve("no/such/dir/t.json");
        CommandRun r = CommandRun.of("run", "--trace", trace.toString(), "hello");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("hartlab run: cannot write trace " + trace + ": No such file or directory\n");
        assertThat(r.out()).as("the program never ran").isEmpty();
    }

    @Test
    void runRefusesATraceThatIsADirectory() {
        CommandRun r = CommandRun.of("run", "--trace", dir.toString(), "hello");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("hartlab run: cannot write trace " + dir + ": Is a directory\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void stressRefusesATraceInAMissingDirectoryBeforeAnySeedRuns() {
        Path trace = dir.resolve("missing/t.json");
        CommandRun r = CommandRun.of("stress", "hello", "--seeds", "1..3", "--trace", trace.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("hartlab stress: cannot write trace " + trace + ": No such file or directory\n");
        assertThat(r.out()).as("no campaign header, no table").isEmpty();
    }

    @Test
    void theCheckLeavesNoFileBehindWhenTheRunFailsLater() {
        Path trace = dir.resolve("t.json");
        CommandRun r = CommandRun.of("run", "--trace", trace.toString(), "no-such-program");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(trace).doesNotExist();
    }

    @Test
    void aTraceNamedGzIsWrittenGzipCompressed() throws IOException {
        Path trace = dir.resolve("t.json.gz");
        CommandRun r = CommandRun.of("run", "--trace", trace.toString(), "fork-test");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode root;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(trace))) {
            root = new ObjectMapper().readTree(in);
        }
        assertThat(root.get("traceEvents").size()).isGreaterThan(4);
    }
}
