package org.hartlab.tools;

import org.hartlab.tools.shell.ShellLauncher;
import org.hartlab.tools.stress.StressCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hartlab} command: one subcommand per job. */
@Command(name = "hartlab", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A multi-hart RISC-V (RV64) emulator with Sv39 page tables, per-hart TLBs that stay stale "
                + "until SFENCE.VMA, and an IPI controller.",
        subcommands = {ShellLauncher.class, RunCommand.class, BareCommand.class, BenchCommand.class, DifftestCommand.class,
                StressCommand.class, CommandLine.HelpCommand.class})
public final class HartlabMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** With no arguments, opens the interactive shell ({@code hartlab shell}). */
    public static void main(String[] args) {
        String[] command = args.length == 0 ? new String[] {"shell"} : args;
        CarrierThreads.configure(command);
        System.exit(execute(command));
    }

    /** Runs the command line and returns the exit code; usage errors print one line and give 2. */
    static int execute(String... args) {
        CommandLine cli = new CommandLine(new HartlabMain());
        programArgumentsReachTheGuest(cli);
        everyVersionOptionAnswers(cli);
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("hartlab: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'hartlab " + commandPath(ex.getCommandLine()) + "--help'.");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("hartlab: internal error: " + ex + " (set HARTLAB_DEBUG=1 for the stack trace)");
            if (System.getenv("HARTLAB_DEBUG") != null) {
                ex.printStackTrace(new java.io.PrintWriter(c.getErr(), true));
            }
            return ExitCodes.INTERNAL;
        });
        return cli.execute(args);
    }

    /**
     * Arguments after the program name are the program's, as {@code env} and {@code qemu-riscv64} take them:
     * {@code run} stops parsing options at its PROGRAM; {@code stress} takes its own options anywhere (its
     * campaigns put them after the program) and gives the program every option it does not know. {@code --}
     * still ends the options of both.
     */
    public static void programArgumentsReachTheGuest(CommandLine commands) {
        commands.getSubcommands().get("run").setStopAtPositional(true);
        commands.getSubcommands().get("stress").setUnmatchedOptionsArePositionalParams(true);
    }

    /** {@code hartlab run -V} prints the version as {@code hartlab -V} does (the help mixin adds -V everywhere). */
    private static void everyVersionOptionAnswers(CommandLine c) {
        for (CommandLine sub : c.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(new Version());
            everyVersionOptionAnswers(sub);
        }
    }

    private static String commandPath(CommandLine c) {
        return c.getParent() == null ? "" : c.getCommandName() + " ";
    }
}
