package org.hartlab.tools.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hartlab.tools.HartlabMain;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The interactive shell: a JLine line reader in front of picocli commands, over a booted kernel. One line is one
 * command; errors print one line and the shell goes on. Ctrl-C stops the guest running in the foreground (at the
 * prompt it clears the line), Ctrl-D leaves. History persists in a file.
 */
public final class HartlabShell {
    static final String PROMPT = "hartlab> ";

    /** The root of the shell's commands: what {@code help} prints. */
    @Command(name = "hartlab", customSynopsis = "COMMAND [OPTIONS] [ARGS]...",
            description = {"A booted kernel, and commands to run programs and look inside the machine.",
                "'help COMMAND' (or 'COMMAND --help') explains one. Tab completes commands,",
                "options, bundled programs and file names.",
                "Ctrl-C stops a foreground guest; Ctrl-D leaves."},
            subcommands = CommandLine.HelpCommand.class)
    static final class Root implements Runnable {
        @Override
        public void run() {
            // a line always names a command; the shell never runs the root itself
        }
    }

    private final Terminal terminal;
    private final Path historyFile;
    private final Path workingDirectory;
    private final boolean echoCommands;

    /**
     * A shell on {@code terminal} keeping its history in {@code historyFile} (created if missing) and completing
     * file names relative to {@code workingDirectory}.
     */
    public HartlabShell(Terminal terminal, Path historyFile, Path workingDirectory) {
        this(terminal, historyFile, workingDirectory, false);
    }

    /**
     * As above; {@code echoCommands} prints each command after its prompt, for input that is not a terminal (a
     * script piped in): nothing else shows what was typed, and the outputs would run together.
     */
    public HartlabShell(Terminal terminal, Path historyFile, Path workingDirectory, boolean echoCommands) {
        this.terminal = terminal;
        this.historyFile = historyFile;
        this.workingDirectory = workingDirectory;
        this.echoCommands = echoCommands;
    }

    /** The history file of the user: {@code ~/.hartlab_history}. */
    public static Path defaultHistoryFile() {
        return Path.of(System.getProperty("user.home"), ".hartlab_history");
    }

    /**
     * Boots with the built-in default and reads commands until Ctrl-D or exit; returns the exit code: 0 when every
     * command succeeded, 1 when one failed (a usage error, an unknown command, a command that printed why it
     * could not, a foreground program that exited non-zero or was killed), so a piped script can be checked.
     */
    public int run() {
        return run(BootSettings.defaults());
    }

    int run(BootSettings firstBoot) {
        GuestConsole console = new GuestConsole(terminal);
        PrintWriter out = terminal.writer();
        boolean failed = false;
        try (ShellSession session = new ShellSession(terminal, console)) {
            CommandLine commands = commandLine(session);
            LineReader reader = lineReader(commands);
            session.boot(firstBoot);
            while (!session.exitRequested()) {
                session.reportFinishedJobs();
                String line;
                console.promptOpened(reader);
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C at the prompt: a fresh line
                } catch (EndOfFileException e) {
                    out.println();
                    break; // Ctrl-D
                } finally {
                    console.promptClosed();
                }
                if (echoCommands) {
                    out.println(line);
                }
                failed |= execute(commands, session, new ArrayList<>(reader.getParsedLine().words()), line) != 0;
            }
            saveHistory(reader, out);
            int ended = session.shutdown();
            if (ended > 0) {
                out.printf("exit: %d process%s ended%n", ended, ended == 1 ? "" : "es");
            }
        }
        out.flush();
        return failed ? 1 : 0;
    }

    private LineReader lineReader(CommandLine commands) {
        DefaultParser parser = new DefaultParser();
        parser.setEscapeChars(new char[0]); // a backslash is a character of a path, not an escape
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("hartlab")
                .parser(parser)
                .completer(new ShellCompleter(commands, workingDirectory))
                .variable(LineReader.HISTORY_FILE, historyFile)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // "!" is an argument, not history
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                .build();
        try {
            Path parent = historyFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            // history is a convenience: without the directory it just is not kept
        }
        return reader;
    }

    private static void saveHistory(LineReader reader, PrintWriter out) {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            out.println("hartlab: history not saved: " + e.getMessage());
        }
    }

    /** The shell's command line: the root, help, and every command {@link ShellCommands} lists. */
    static CommandLine commandLine(ShellSession session) {
        CommandLine root = new CommandLine(new Root());
        List<Function<ShellSession, Object>> all = new ArrayList<>(ShellCommands.CORE);
        all.addAll(ShellCommands.EXTENSIONS);
        for (Function<ShellSession, Object> factory : all) {
            root.addSubcommand(factory.apply(session));
        }
        HartlabMain.programArgumentsReachTheGuest(root); // "run prog -x": -x is the program's
        asTypedAtThePrompt(root);
        root.setOut(session.out());
        root.setErr(session.out());
        root.setParameterExceptionHandler((ex, args) -> {
            String message = ex.getMessage() == null ? ex.toString() : ex.getMessage().lines().findFirst().orElse("");
            session.out().println(ex.getCommandLine().getCommandName() + ": " + message);
            return 2;
        });
        root.setExecutionExceptionHandler((ex, cli, parsed) -> {
            session.out().println(cli.getCommandName() + ": internal error: " + ex);
            return 70;
        });
        return root;
    }

    /**
     * Help as the shell's commands are typed: "Usage: run ...", not "Usage: hartlab run ..." (the root has no
     * name; picocli still puts the separating space before each command's, so the heading drops its own), and no
     * {@code -V, --version}, which the standard help mixin adds and which nothing in the shell answers.
     */
    private static void asTypedAtThePrompt(CommandLine root) {
        root.setCommandName("");
        for (CommandLine sub : descendants(root)) {
            sub.getCommandSpec().usageMessage().synopsisHeading("Usage:");
            CommandLine.Model.OptionSpec version = sub.getCommandSpec().findOption("--version");
            if (version != null) {
                sub.getCommandSpec().remove(version);
            }
        }
    }

    private static List<CommandLine> descendants(CommandLine c) {
        List<CommandLine> all = new ArrayList<>();
        for (CommandLine sub : c.getSubcommands().values()) {
            if (!all.contains(sub)) { // an alias (exit, quit) maps to the same command
                all.add(sub);
                all.addAll(descendants(sub));
            }
        }
        return all;
    }

    /**
     * Runs one command line; a trailing {@code &} sends a guest command to the background. Returns its status:
     * 0 for success (a blank line too), the command's non-zero code, or 127 for an unknown command, as sh does.
     */
    static int execute(CommandLine commands, ShellSession session, List<String> words, String line) {
        while (!words.isEmpty() && words.getLast().isEmpty() && !line.stripTrailing().endsWith("\"")
                && !line.stripTrailing().endsWith("'")) {
            words.removeLast();
        }
        if (words.isEmpty()) {
            return 0;
        }
        boolean background = false;
        String last = words.getLast();
        if (last.equals("&")) {
            words.removeLast();
            background = true;
        } else if (last.endsWith("&") && line.stripTrailing().endsWith("&")) {
            words.set(words.size() - 1, last.substring(0, last.length() - 1));
            background = true;
        }
        PrintWriter out = session.out();
        String name = words.isEmpty() ? "&" : words.getFirst();
        int code;
        if (!commands.getSubcommands().containsKey(name)) {
            out.println(name + ": unknown command (type help for the list)");
            code = 127;
        } else if (background && !ShellCommands.BACKGROUNDABLE.contains(name)) {
            out.println(name + ": only " + String.join(", ", ShellCommands.BACKGROUNDABLE) + " can run in the background");
            code = 2;
        } else {
            if (background) {
                words.add(1, "--background");
            }
            code = commands.execute(words.toArray(String[]::new));
        }
        out.flush();
        return code;
    }
}
