package org.hartlab.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** bare: a bare-metal program on a machine of its own, from the shell. */
@Timeout(120)
class ShellBareTest {
    private static final String PASSING =
            ShellTranscript.ROOT.resolve("emulator-core/src/test/resources/isa/rv64i-alu.elf").toString();
    /** Built for four harts: on one, hart 0 waits forever for the other three to check in. */
    private static final String NEVER_ENDS =
            ShellTranscript.ROOT.resolve("emulator-core/src/test/resources/smp/amo-counter.elf").toString();

    @TempDir
    Path dir;

    private ShellTranscript shell(String script) {
        return ShellTranscript.of(dir.resolve("history"), script);
    }

    @Test
    void bareRunsAProgramAndPrintsItsExitCode() {
        assertThat(shell("bare " + PASSING + "\n").output(0)).isEqualTo(PASSING + ": exit 0\n");
    }

    @Test
    void bareOfAMissingFilePrintsOneLine() {
        assertThat(shell("bare nope.elf\n").output(0)).isEqualTo("bare: nope.elf: no such file\n");
    }

    @Test
    void bareOfAFileThatIsNotElfPrintsOneLine() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.elf"), "not an ELF file, only text".repeat(4));
        assertThat(shell("bare " + junk + "\n").output(0)).isEqualTo("bare: " + junk + ": not an ELF file\n");
    }

    @Test
    void bareStopsAtTheInstructionLimit() {
        assertThat(shell("bare --max-instructions 100000 " + NEVER_ENDS + "\n").output(0))
                .matches("bare: instruction limit 100000 reached at pc 0x8[0-9a-f]+ \\(hart 0\\)\n");
    }

    @Test
    void ctrlCStopsABareProgram() {
        assertThat(shell("bare " + NEVER_ENDS + "\n\u0003ps\n").output(0))
                .matches("bare: stopped after \\d+ instructions \\(hart 0 at pc 0x8[0-9a-f]+\\)\n");
    }

    @Test
    void theKernelsJobsWaitWhileABareProgramRunsAndGoOnAfter() {
        ShellTranscript t = shell("run cow-race 100000000 &\nbare " + PASSING + "\nps\nkill 1\n");
        assertThat(t.output(1)).isEqualTo(PASSING + ": exit 0\n");
        assertThat(t.output(2)).containsPattern("\n1 +- +(running|runnable|sleeping) ");
        assertThat(t.output(3)).startsWith("killed pid 1\n");
    }
}
