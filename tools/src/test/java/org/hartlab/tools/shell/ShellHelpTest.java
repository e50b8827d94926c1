package org.hartlab.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The shell's help reads as written: its own command names, no dead options, lines that wrap as paragraphs. */
@Timeout(120)
class ShellHelpTest {
    /** The width picocli lays help out in on a terminal that does not say its own (a dumb one). */
    private static final int WIDTH = 80;

    @TempDir
    Path dir;

    private Terminal terminal;
    private CommandLine commands;

    @BeforeEach
    void setUp() throws IOException {
        terminal = new DumbTerminal("test", "dumb", new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                StandardCharsets.UTF_8);
        commands = HartlabShell.commandLine(new ShellSession(terminal, new GuestConsole(terminal)));
    }

    @AfterEach
    void tearDown() throws IOException {
        terminal.close();
    }

    private static List<CommandLine> everyCommand(CommandLine c) {
        List<CommandLine> all = new ArrayList<>();
        for (CommandLine sub : c.getSubcommands().values()) {
            if (!all.contains(sub)) {
                all.add(sub);
                all.addAll(everyCommand(sub));
            }
        }
        return all;
    }

    @Test
    void helpNamesTheCommandAsItIsTypedInTheShell() {
        String help = ShellTranscript.of(dir.resolve("history"), "help run\n").output(0);
        assertThat(help).startsWith("Usage: run ").doesNotContain("hartlab run");
    }

    @Test
    void noShellCommandOffersAVersionOptionItCannotAnswer() {
        for (CommandLine c : everyCommand(commands)) {
            assertThat(c.getCommandSpec().findOption("--version")).as(c.getCommandName()).isNull();
            assertThat(c.getUsageMessage()).as(c.getCommandName()).doesNotContain("--version");
        }
    }

    @Test
    void everyDescriptionLineFitsOrIsAParagraphThatWrapsAsOne() {
        List<String> ragged = new ArrayList<>(); // lines picocli wraps, and then a new line starts
        for (CommandLine c : everyCommand(commands)) {
            for (String line : c.getCommandSpec().usageMessage().description()) {
                if (line.length() > WIDTH && !line.endsWith(".")) {
                    ragged.add(c.getCommandName() + ": " + line);
                }
            }
        }
        assertThat(ragged).isEmpty();
    }

    @Test
    void optionCompletionsCarryShortResolvedDescriptions() {
        for (String line : new String[] {"boot --", "run --", "stress cow-race --", "bare --"}) {
            List<Candidate> candidates = new ArrayList<>();
            new ShellCompleter(commands, dir).complete(null,
                    new DefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE), candidates);
            assertThat(candidates).as(line).isNotEmpty();
            for (Candidate c : candidates) {
                assertThat(c.descr()).as(line + " " + c.value()).isNotNull().doesNotContain("${");
                assertThat(c.value().length() + c.descr().length()).as(line + " " + c.value() + ": " + c.descr())
                        .isLessThanOrEqualTo(ShellCompleter.DESCRIPTION_WIDTH + 24);
            }
        }
    }
}
