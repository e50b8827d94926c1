package org.hartlab.tools.shell;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hartlab shell} (and {@code hartlab} alone): the interactive shell on the user's terminal. */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"Open the interactive shell, with the kernel booted.",
            "By default: 4 harts, 128 MiB, two-stage, deterministic engine, seed 1. Type help inside for the "
                + "commands; Ctrl-D leaves.",
            "Commands can be piped in: each is echoed after its prompt, and the exit status is 1 if one failed (a "
                + "usage error, an unknown command, a foreground program that exited non-zero), else 0."})
public final class ShellLauncher implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BootOptions boot;

    @Option(names = "--history", paramLabel = "FILE",
            description = "Where to keep the command history (default: ~/.hartlab_history).")
    Path history;

    @Override
    public Integer call() throws Exception {
        BootSettings first;
        try {
            first = boot.applyTo(BootSettings.defaults());
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("hartlab shell: " + e.getMessage());
            return 2;
        }
        try (Terminal terminal = systemTerminal()) {
            Path historyFile = history != null ? history : HartlabShell.defaultHistoryFile();
            // System.console() is null unless both stdin and stdout are terminals: then echo what was read
            boolean piped = System.console() == null || !System.console().isTerminal();
            return new HartlabShell(terminal, historyFile, Path.of("").toAbsolutePath(), piped).run(first);
        }
    }

    /**
     * The user's terminal; a dumb one, without complaint, when input is not a terminal (a script piped in). JLine
     * loads its native library for it: JDK 25 warns about that unless the jar grants native access
     * ({@code Enable-Native-Access: ALL-UNNAMED} in its manifest, or {@code --enable-native-access=ALL-UNNAMED}).
     */
    private static Terminal systemTerminal() throws java.io.IOException {
        return TerminalBuilder.builder().name("hartlab").system(true).dumb(true).build();
    }
}
