package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --trace FILE}: checked before anything runs, with the system's reason; {@code .gz} writes gzip;
 * {@code --trace-limit N} keeps the last N events.
 */
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

    /** The events of a trace file that are the machine's (not the track names nor the arrows). */
    private static List<JsonNode> machineEvents(Path trace) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        new ObjectMapper().readTree(trace.toFile()).get("traceEvents").forEach(e -> {
            if (!e.get("ph").asText().matches("[Msf]")) {
                events.add(e);
            }
        });
        return events;
    }

    @Test
    void aTraceLimitKeepsTheLastEventsOfTheRun() throws IOException {
        Path whole = dir.resolve("whole.json");
        Path last = dir.resolve("last.json");
        CommandRun all = CommandRun.of("run", "--trace", whole.toString(), "cow-race", "20");
        CommandRun limited = CommandRun.of("run", "--trace", last.toString(), "--trace-limit", "100", "cow-race", "20");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(limited.exitCode()).as(limited.err()).isZero();
        List<JsonNode> wholeEvents = machineEvents(whole);
        List<JsonNode> lastEvents = machineEvents(last);
        assertThat(wholeEvents).hasSizeGreaterThan(1000);
        // the last 100, args included (each hart's pid and tid from before the window too), but for the ends of
        // spans whose begins fell out of the window
        List<JsonNode> tail = wholeEvents.subList(wholeEvents.size() - 100, wholeEvents.size());
        assertThat(lastEvents).hasSizeBetween(90, 100);
        assertThat(tail).containsSubsequence(lastEvents);
        List<JsonNode> leftOut = new ArrayList<>(tail);
        lastEvents.forEach(leftOut::remove);
        assertThat(leftOut).allMatch(e -> e.get("ph").asText().equals("E"));
        assertThat(lastEvents).allMatch(e -> e.get("args").has("tid"), "every event names its thread");
        assertThat(limited.err()).containsPattern("trace of \\d+ events written to " + last
                + " \\(\\d+ earlier events dropped, as --trace-limit asked\\)");
    }

    @Test
    void aTraceLimitOutsideItsRangeIsAUsageError() {
        CommandRun r = CommandRun.of("run", "--trace", dir.resolve("t.json").toString(), "--trace-limit", "0", "hello");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("hartlab run: --trace-limit must be 1..2000000, got 0\n");
        CommandRun s = CommandRun.of("stress", "hello", "--trace-limit", "-5");
        assertThat(s.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(s.err()).isEqualTo("hartlab stress: --trace-limit must be 1..2000000, got -5\n");
    }
}
