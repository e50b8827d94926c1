package org.hartlab.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.hartlab.kernel.proc.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** boot, run (foreground and background), ps, kill, wait and Ctrl-C, through a scripted dumb terminal. */
@Timeout(120)
class ShellRunTest {
    private static final String FOREVER = "pingpong 100000000";

    @TempDir
    Path dir;

    private ShellTranscript shell(String script) {
        return ShellTranscript.of(dir.resolve("history"), script);
    }

    @Test
    void runStreamsTheProgramsOutputAndPrintsHowItEnded() {
        assertThat(shell("run hello\n").output(0)).isEqualTo("hello from hartlab\npid 1 (hello): exit 0\n");
    }

    @Test
    void aFinishedForegroundRunIsReapedSoPsDoesNotListIt() {
        assertThat(shell("run hello\nps\n").output(1)).isEqualTo("no processes\n");
    }

    @Test
    void theShellKeepsRunningProgramsLongAfterTheProcessTableWouldHaveFilled() {
        int runs = Processes.MAX_PROCESSES + 44;
        ShellTranscript t = shell("run hello\n".repeat(runs) + "ps\n");
        assertThat(t.text()).doesNotContain("too many processes");
        assertThat(t.text().split("hello from hartlab\n", -1)).hasSize(runs + 1);
        assertThat(t.output(runs - 1)).isEqualTo("hello from hartlab\npid " + runs + " (hello): exit 0\n");
        assertThat(t.output(runs)).isEqualTo("no processes\n");
    }

    @Test
    void runPassesArgumentsIncludingOnesThatLookLikeOptions() {
        String out = shell("run args one -x \"two words\"\n").output(0);
        assertThat(out).contains("argc=4", "argv[1]=one", "argv[2]=-x", "argv[3]=two words", "envp[0]=HARTLAB_SEED=1")
                .endsWith("pid 1 (args): exit 0\n");
    }

    @Test
    void runReportsAMissingProgramInOneLine() {
        assertThat(shell("run no-such-program.elf\n").output(0))
                .isEqualTo("run: no-such-program.elf: no such file, nor a bundled program (run --help lists them)\n");
    }

    @Test
    void runWithoutAProgramPrintsOneLine() {
        assertThat(shell("run\n").output(0)).isEqualTo("run: Missing required parameter: 'PROGRAM'\n");
    }

    @Test
    void aNonZeroExitStatusIsReported() {
        assertThat(shell("run cow-race 5 extra-argument-is-ignored\n").output(0)).containsPattern("pid 1 \\(cow-race\\): exit \\d+\n$");
    }

    @Test
    void aBackgroundJobGivesThePromptBackAndIsReportedWhenDone() {
        ShellTranscript t = shell("run hello &\nwait\nps\n");
        assertThat(t.output(0)).startsWith("[1] hello\n");
        assertThat(t.text()).contains("hello from hartlab\n", "[1] done: hello (exit 0)\n");
        assertThat(t.fromLast("[1] done")).endsWith(HartlabShell.PROMPT + "no processes\n" + HartlabShell.PROMPT + "\n");
    }

    @Test
    void psShowsARunningBackgroundJobAndKillEndsIt() {
        ShellTranscript t = shell("run " + FOREVER + " &\nps\nkill 1\nwait\nps\n");
        assertThat(t.output(0)).isEqualTo("[1] " + FOREVER + "\n");
        assertThat(t.output(1)).startsWith("PID  PPID  STATE")
                .containsPattern("\n1 +- +(running|runnable|sleeping) +\\d+ +[-0-9,]+ +pingpong &\n");
        assertThat(t.output(2)).isEqualTo("killed pid 1\n[1] done: " + FOREVER + " (killed by signal 9)\n");
        assertThat(t.output(3)).isEmpty();
        assertThat(t.output(4)).as("wait reaped it").isEqualTo("no processes\n");
    }

    @Test
    void killOfAProcessThatDoesNotExistPrintsOneLine() {
        assertThat(shell("kill 42\n").output(0)).isEqualTo("kill: no process 42\n");
    }

    @Test
    void ctrlCKillsTheForegroundProgramAndReturnsToThePrompt() {
        ShellTranscript t = shell("run " + FOREVER + "\n\u0003ps\n");
        assertThat(t.output(0)).endsWith("pid 1 (pingpong): killed by signal 2 (Ctrl-C)\n");
        assertThat(t.output(1)).as("reaped").isEqualTo("no processes\n");
    }

    @Test
    void waitForOneJob() {
        ShellTranscript t = shell("run " + FOREVER + " &\nrun hello &\nwait 2\nps\n");
        assertThat(t.text()).contains("hello from hartlab\n", "[2] done: hello (exit 0)\n");
        assertThat(t.fromLast("PID")).containsPattern("\n1 +- +(running|runnable|sleeping) ")
                .as("2 is reaped").doesNotContainPattern("\n2 +- ");
    }

    @Test
    void waitForAProcessThatDoesNotExistPrintsOneLine() {
        assertThat(shell("wait 9\n").output(0)).isEqualTo("wait: no process 9\n");
    }

    @Test
    void bootReplacesOnlyTheSettingsGiven() {
        ShellTranscript t = shell("boot --harts 2 --seed 9\nboot --strategy naive\nharts\n");
        assertThat(t.output(0)).isEqualTo(
                "booted 2 harts, 128 MiB, two-stage, deterministic engine, seed 9, ipi-delay 1000..3000\n");
        assertThat(t.output(1)).isEqualTo("booted 2 harts, 128 MiB, naive, deterministic engine, seed 9, ipi-delay 1000..3000\n");
        assertThat(t.output(2).lines()).hasSize(3);
    }

    @Test
    void bootDiscardsTheProcesses() {
        ShellTranscript t = shell("run " + FOREVER + " &\nboot\nps\n");
        assertThat(t.output(1)).startsWith("boot: 1 process discarded\nbooted 4 harts");
        assertThat(t.output(2)).isEqualTo("no processes\n");
    }

    @Test
    void bootWithABadSettingKeepsTheMachine() {
        ShellTranscript t = shell("boot --strategy fancy\nboot --harts 0\nboot --ram 2\nboot --ipi-delay 5..1\nharts\n");
        assertThat(t.output(0)).isEqualTo("boot: strategy must be naive, two-stage, two-stage-mt or bbm, got 'fancy'\n");
        assertThat(t.output(1)).isEqualTo("boot: harts must be 1..64, got 0\n");
        assertThat(t.output(2)).isEqualTo("boot: the kernel needs at least 4 MiB of RAM, got 2\n");
        assertThat(t.output(3)).startsWith("boot: ipi delay must be");
        assertThat(t.output(4).lines()).hasSize(5);
    }

    @Test
    void theParallelEngineRunsPrograms() {
        ShellTranscript t = shell("boot --engine parallel\nrun fork-test\n");
        assertThat(t.output(0)).contains("parallel engine");
        assertThat(t.output(1)).endsWith("pid 1 (fork-test): exit 0\n");
    }

    @Test
    void theSameSeedGivesTheSameSession() {
        String script = "run fork-test\nrun threads-test\nstats\nharts\n";
        assertThat(shell(script).text()).isEqualTo(shell(script).text());
    }
}
