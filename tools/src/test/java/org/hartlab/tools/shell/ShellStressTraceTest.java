package org.hartlab.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code stress} and {@code trace} at the prompt, through a scripted dumb terminal. */
@Timeout(120)
class ShellStressTraceTest {
    @TempDir
    Path dir;

    private ShellTranscript shell(String script) {
        return ShellTranscript.of(dir.resolve("history"), script);
    }

    @Test
    void stressPrintsTheSameTableAsTheCommandLineAndTheShellGoesOn() {
        ShellTranscript t = shell("stress cow-race --strategy naive --seeds 1..2 --iterations 20\nharts\n");
        assertThat(t.output(0)).startsWith("stress cow-race 20: seeds 1..2 (2) under naive; 4 harts")
                .containsPattern("\nnaive +2 +\\d+ \\(\\d+%\\)")
                .contains("stress: 2 runs in ");
        assertThat(t.output(1)).startsWith("HART  STATE");
    }

    @Test
    void stressErrorsAreOneLine() {
        ShellTranscript t = shell("stress cow-race --seeds x\nstress cow-race --fast\nstress\n");
        assertThat(t.output(0)).isEqualTo("stress: --seeds must be A..B or N, got 'x'\n");
        assertThat(t.output(1)).startsWith("stress: Unknown option: '--fast'").hasLineCount(1);
        assertThat(t.output(2)).startsWith("stress: Missing required parameter").hasLineCount(1);
    }

    @Test
    void ctrlCStopsAStressRunAndReturnsToThePrompt() {
        ShellTranscript t = shell("stress cow-race --seeds 1..100000 --iterations 50\n\u0003harts\n");
        assertThat(t.output(0)).containsPattern("stress: stopped: \\d+ of 400000 runs done\n");
        assertThat(t.output(1)).startsWith("HART  STATE");
    }

    @Test
    void traceRecordsWhatTheKernelDidAndSavesValidJson() throws IOException {
        Path file = dir.resolve("shell.json");
        ShellTranscript t = shell("trace status\ntrace start\nrun fork-test\ntrace stop\ntrace save " + file
                + "\ntrace status\n");
        assertThat(t.output(0)).isEqualTo("trace: nothing recorded\n");
        assertThat(t.output(1)).startsWith("trace: recording");
        assertThat(t.output(3)).matches("trace: stopped with \\d+ events; trace save FILE writes them\n");
        assertThat(t.output(4)).matches("trace: \\d+ events written to .*shell.json \\(open it in ui.perfetto.dev\\)\n");
        assertThat(t.output(5)).matches("trace: stopped, \\d+ events kept\n");

        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<String> names = new ArrayList<>();
        root.get("traceEvents").forEach(e -> names.add(e.get("name").asText()));
        assertThat(names).contains("page fault", "PTE store", "thread_name");
        long begins = names.stream().filter("page fault"::equals).count();
        assertThat(begins).isPositive();
    }

    @Test
    void traceStartWithALimitKeepsOnlyTheLastEvents() throws IOException {
        Path file = dir.resolve("last.json");
        ShellTranscript t = shell("trace start --limit 0\ntrace start --limit 50\nrun fork-test\ntrace stop --limit 5\n"
                + "trace save " + file + "\n");
        assertThat(t.output(0)).isEqualTo("trace: --limit must be 1..2000000, got 0\n");
        assertThat(t.output(1)).startsWith("trace: recording");
        assertThat(t.output(3)).isEqualTo("trace: stop takes no --limit (trace start --limit N sets what a recording "
                + "keeps)\n");
        assertThat(t.output(4)).matches("trace: \\d+ events written to .*last.json, \\d+ earlier events dropped, "
                + "as trace start --limit asked \\(open it in ui.perfetto.dev\\)\n");
        int kept = 0;
        for (JsonNode e : new ObjectMapper().readTree(file.toFile()).get("traceEvents")) {
            kept += e.get("ph").asText().matches("[Msf]") ? 0 : 1;
        }
        assertThat(kept).isBetween(40, 50);
    }

    @Test
    void traceMisuseIsOneLineEach() {
        ShellTranscript t = shell("trace save " + dir.resolve("x.json") + "\ntrace stop\ntrace start\ntrace start\n"
                + "trace save\ntrace save " + dir.resolve("no/such/dir.json") + "\ntrace stop now\ntrace bogus\n"
                + "boot\ntrace status\n");
        assertThat(t.output(0)).isEqualTo("trace: nothing recorded: trace start first\n");
        assertThat(t.output(1)).isEqualTo("trace: not recording\n");
        assertThat(t.output(3)).startsWith("trace: already recording (");
        assertThat(t.output(4)).isEqualTo("trace: save needs a FILE\n");
        assertThat(t.output(5)).endsWith("dir.json: No such file or directory\n");
        assertThat(t.output(6)).isEqualTo("trace: stop takes no FILE\n");
        assertThat(t.output(7)).isEqualTo("trace: ACTION must be start, stop, save or status, got 'bogus'\n");
        assertThat(t.output(9)).as("a boot ends the recording").matches("trace: stopped, \\d+ events kept\n");
    }
}
