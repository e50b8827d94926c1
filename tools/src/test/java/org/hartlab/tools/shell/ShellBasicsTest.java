package org.hartlab.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shell as a whole: boot banner, help, errors that keep it alive, Ctrl-D, exit and history. */
@Timeout(120)
class ShellBasicsTest {
    @TempDir
    Path dir;

    private ShellTranscript shell(String script) {
        return ShellTranscript.of(dir.resolve("history"), script);
    }

    @Test
    void aSessionReadsAsATranscript() {
        assertThat(shell("run hello\nps\nkill 1\nfoo\n").text()).isEqualTo("""
                booted 4 harts, 128 MiB, two-stage, deterministic engine, seed 1, ipi-delay 1000..3000
                hartlab> hello from hartlab
                pid 1 (hello): exit 0
                hartlab> no processes
                hartlab> kill: no process 1
                hartlab> foo: unknown command (type help for the list)
                hartlab> \n""");
    }

    @Test
    void bootsTheBuiltInDefaultAndPrintsTheSeed() {
        assertThat(shell("").text()).startsWith(
                "booted 4 harts, 128 MiB, two-stage, deterministic engine, seed 1, ipi-delay 1000..3000\n");
    }

    @Test
    void helpListsEveryCommand() {
        String help = shell("help\n").output(0);
        assertThat(help).contains("Usage: COMMAND [OPTIONS] [ARGS]...", "Ctrl-D leaves");
        for (String command : new String[] {"boot", "run", "ps", "kill", "wait", "harts", "tlb", "pt", "stats", "bare",
            "exit", "help"}) {
            assertThat(help).containsPattern("(?m)^  " + command + "\\b");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"boot", "run", "ps", "kill", "wait", "harts", "tlb", "pt", "stats", "bare", "exit"})
    void everyCommandHasHelp(String command) {
        ShellTranscript t = shell("help " + command + "\n" + command + " --help\n");
        assertThat(t.output(0)).startsWith("Usage: " + command + " ");
        assertThat(t.output(1)).isEqualTo(t.output(0));
    }

    @Test
    void anUnknownCommandPrintsOneLineAndTheShellGoesOn() {
        ShellTranscript t = shell("frobnicate now\nps\n");
        assertThat(t.output(0)).isEqualTo("frobnicate: unknown command (type help for the list)\n");
        assertThat(t.output(1)).isEqualTo("no processes\n");
    }

    @Test
    void anUnknownOptionPrintsOneLine() {
        assertThat(shell("ps --bogus\n").output(0)).isEqualTo("ps: Unknown option: '--bogus'\n");
    }

    @Test
    void aMissingArgumentPrintsOneLine() {
        assertThat(shell("tlb\n").output(0)).isEqualTo("tlb: Missing required parameter: 'HART'\n");
    }

    @Test
    void aBadNumberPrintsOneLine() {
        assertThat(shell("kill seven\n").output(0))
                .isEqualTo("kill: Invalid value for positional parameter at index 0 (PID): 'seven' is not an int\n");
    }

    @Test
    void onlyRunGoesToTheBackground() {
        assertThat(shell("ps &\n").output(0)).isEqualTo("ps: only run can run in the background\n");
    }

    @Test
    void blankLinesDoNothing() {
        ShellTranscript t = shell("\n   \nps\n");
        assertThat(t.output(0)).isEmpty();
        assertThat(t.output(1)).isEmpty();
        assertThat(t.output(2)).isEqualTo("no processes\n");
    }

    @Test
    void ctrlDLeavesTheShell() {
        ShellTranscript t = shell("\u0004ps\n");
        assertThat(t.text()).doesNotContain("PID", "no processes").endsWith("hartlab> \n");
    }

    @Test
    void leavingEndsTheProcessesStillRunning() {
        ShellTranscript t = shell("run pingpong 100000000 &\n\u0004");
        assertThat(t.text()).endsWith("exit: 1 process ended\n");
    }

    @Test
    void exitLeavesTheShell() {
        ShellTranscript t = shell("exit\nps\n");
        assertThat(t.text()).doesNotContain("no processes");
    }

    @Test
    void historyPersistsAcrossShells() throws IOException {
        Path history = dir.resolve("history");
        ShellTranscript.of(history, "harts\nps\n");
        ShellTranscript.of(history, "stats\n");
        assertThat(Files.readString(history)).contains(":harts\n", ":ps\n", ":stats\n");
    }
}
