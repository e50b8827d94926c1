package org.hartlab.tools.shell;

import java.util.List;
import java.util.function.Function;
import org.hartlab.tools.stress.StressCommand;

/**
 * Every command of the shell, in the order {@code help} lists them. A new command is one line here: a factory that
 * gets the {@link ShellSession} and returns a picocli command object ({@code @Command}-annotated, usually a
 * {@code Callable<Integer>} that prints its own errors as one line). The {@code stress}, {@code trace} and
 * {@code gdb} commands belong in {@link #EXTENSIONS}.
 */
final class ShellCommands {
    private ShellCommands() {
    }

    /** The core commands. */
    static final List<Function<ShellSession, Object>> CORE = List.of(
            BootCommand::new,
            RunProgramCommand::new,
            ContinueCommand::new,
            PsCommand::new,
            KillCommand::new,
            WaitCommand::new,
            HartsCommand::new,
            TlbCommand::new,
            PageTableCommand::new,
            StatsCommand::new,
            BareProgramCommand::new,
            ClearCommand::new,
            ExitCommand::new);

    /** Commands built elsewhere in tools (stress, trace, gdb): add their factories here. */
    static final List<Function<ShellSession, Object>> EXTENSIONS = List.of(
            session -> new StressCommand(new ShellStressHost(session)),
            TraceCommand::new,
            GdbCommand::new);

    /** Commands that run a guest in the foreground and may go to the background with a trailing {@code &}. */
    static final List<String> BACKGROUNDABLE = List.of("run");
}
