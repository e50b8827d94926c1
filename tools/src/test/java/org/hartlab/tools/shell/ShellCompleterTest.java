package org.hartlab.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tab completion: commands, options, option values, bundled programs and file names. */
class ShellCompleterTest {
    @TempDir
    Path dir;

    private Terminal terminal;
    private ShellCompleter completer;

    @BeforeEach
    void setUp() throws IOException {
        terminal = new DumbTerminal("test", "dumb", new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                StandardCharsets.UTF_8);
        ShellSession session = new ShellSession(terminal, new GuestConsole(terminal));
        completer = new ShellCompleter(HartlabShell.commandLine(session), dir);
        Files.writeString(dir.resolve("prog.elf"), "");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/inner.elf"), "");
        Files.writeString(dir.resolve(".hidden"), "");
    }

    @AfterEach
    void tearDown() throws IOException {
        terminal.close();
    }

    /** The candidates offered with the cursor at the end of {@code line}. */
    private List<String> complete(String line) {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, new DefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE),
                candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void theFirstWordCompletesToACommand() {
        assertThat(complete("")).contains("boot", "run", "ps", "kill", "wait", "harts", "tlb", "pt", "stats", "bare",
                "help", "exit");
        assertThat(complete("ru")).contains("run");
    }

    @Test
    void helpCompletesCommandNames() {
        assertThat(complete("help ")).contains("run", "tlb");
    }

    @Test
    void aDashCompletesOptions() {
        assertThat(complete("boot --")).contains("--harts", "--ram", "--strategy", "--engine", "--seed", "--ipi-delay",
                "--help");
        assertThat(complete("run -")).contains("--background", "-b");
    }

    @Test
    void optionValuesCompleteFromTheirCandidates() {
        assertThat(complete("boot --strategy ")).containsExactly("naive", "two-stage", "two-stage-mt", "bbm");
        assertThat(complete("boot --harts 2 --engine ")).containsExactly("deterministic", "parallel");
    }

    @Test
    void aProgramIsABundledNameOrAFile() {
        assertThat(complete("run ")).contains("hello", "cow-race", "pingpong", "prog.elf", "sub/")
                .doesNotContain(".hidden");
        assertThat(complete("run --background ")).contains("hello", "prog.elf");
    }

    @Test
    void filesCompleteInsideDirectories() {
        assertThat(complete("run sub/")).contains("sub/inner.elf");
        assertThat(complete("bare sub/in")).containsExactly("sub/inner.elf");
    }

    @Test
    void bareCompletesFilesOnly() {
        assertThat(complete("bare ")).containsExactly("prog.elf", "sub/");
    }

    @Test
    void theProgramsOwnArgumentsAreNotCompleted() {
        assertThat(complete("run hello ")).isEmpty();
        assertThat(complete("run hello --")).isEmpty();
    }

    @Test
    void numbersAreNotCompleted() {
        assertThat(complete("tlb ")).isEmpty();
        assertThat(complete("boot --seed ")).isEmpty();
    }

    @Test
    void anUnknownCommandCompletesNothing() {
        assertThat(complete("frob ")).isEmpty();
    }
}
