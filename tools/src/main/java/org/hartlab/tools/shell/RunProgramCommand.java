package org.hartlab.tools.shell;

import java.util.ArrayList;
import java.util.List;
import org.hartlab.core.elf.ElfLoadException;
import org.hartlab.kernel.Programs;
import org.hartlab.kernel.exec.ExecException;
import org.hartlab.kernel.file.TerminalInput;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.kernel.signal.Sig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code run PROGRAM [ARGS]}: start a user program on the booted kernel. In the foreground the shell waits for it,
 * streaming its output, and prints how it ended; with a trailing {@code &} the prompt comes back at once.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a user program (bundled name or RV64 ELF); a trailing & backgrounds it.",
            "In the foreground its output streams to the terminal, its standard input is what you type while it "
                + "reads (a line at Enter; Ctrl-D on an empty line is an end of file), and Ctrl-C sends SIGINT to it "
                + "and every process forked from it (its process group, as a terminal's Ctrl-C), a second Ctrl-C "
                + "kills them; with & (or --background) the prompt comes back at once and the program runs on "
                + "behind it, its standard input at its end.",
            "With --stop-on-stale or --stop-on-violation the machine halts at that moment and the prompt comes "
                + "back there; continue lets it run on."})
final class RunProgramCommand extends ShellCommand {
    /** After the foreground program ends, how long to let the machine settle before the prompt returns. */
    private static final long SETTLE_NANOS = 1_000_000_000L;

    @Option(names = {"-b", "--background"}, description = "Run in the background, as a trailing & does.")
    boolean background;

    @Mixin
    StopOptions stops;

    @Parameters(index = "0", paramLabel = "PROGRAM", completionCandidates = ProgramNames.class,
            description = "Bundled program (${COMPLETION-CANDIDATES}) or ELF path.")
    String program;

    @Parameters(index = "1..*", paramLabel = "ARGS",
            description = "Arguments passed to the program: everything after PROGRAM, options too.")
    List<String> args = new ArrayList<>();

    /** Bundled program names; the completer offers file names too. */
    static final class ProgramNames extends ArrayList<String> implements ShellCompleter.AlsoFiles {
        ProgramNames() {
            super(Programs.BUNDLED);
        }
    }

    RunProgramCommand(ShellSession session) {
        super(session);
    }

    @Override
    protected int execute() {
        String stillHalted = session.halted();
        if (stillHalted != null) {
            return fail("the machine is halted " + stillHalted + "; type continue to let it run on first");
        }
        TerminalInput keys = background ? null : new TerminalInput(session.kernel().newInode());
        Proc proc;
        try {
            proc = session.start(program, args, background, keys);
        } catch (ElfLoadException | ExecException e) {
            return fail(e.getMessage());
        }
        if (stops.any()) {
            session.paused(() -> stops.arm(session));
        }
        String name = "pid %d (%s)".formatted(proc.pid(), proc.name());
        if (background) {
            out().printf("[%d] %s%n", proc.pid(), String.join(" ", commandLine()));
            out().flush();
            session.kick();
            return 0;
        }
        session.kick();
        Settling settling = new Settling(proc, name);
        int[] others = {0};
        int[] presses = {0};
        boolean ctrlC;
        try (JobKeyboard keyboard = new JobKeyboard(session.terminal(), keys)) {
            ctrlC = session.awaitJob(settling::done, () -> others[0] += interruptJob(proc, ++presses[0]), name,
                    session.machine(), keyboard);
        }
        String halt = session.halted();
        if (halt != null) {
            session.leaveInBackground(proc);
            out().println(StopOptions.halted(halt));
            return 0;
        }
        if (stops.any()) {
            session.paused(() -> stops.disarm(session));
        }
        if (!proc.exited()) {
            return fail(session.unusable());
        }
        String how = !ctrlC ? "" : others[0] > 0
                ? " (Ctrl-C, with %d more process%s of its job)".formatted(others[0], others[0] == 1 ? "" : "es")
                : " (Ctrl-C)";
        out().printf("%s: %s%s%n", name, ShellSession.waitStatus(proc.exitStatus()), how);
        return proc.exitStatus() == 0 ? 0 : 1; // a script piped in fails with its programs
    }

    private List<String> commandLine() {
        List<String> words = new ArrayList<>();
        words.add(program);
        words.addAll(args);
        return words;
    }

    /**
     * Ctrl-C, as a terminal's: the first sends SIGINT to the program's whole process group (children it forked
     * too), so a program that handles it can report and exit; any later one kills the group with SIGKILL, so a
     * job that ignores SIGINT, or whose children wait for it forever, still ends. Returns how many processes other
     * than the program itself the press reached, the first time; 0 afterwards (they were counted).
     */
    private int interruptJob(Proc proc, int presses) {
        int others = session.paused(() -> {
            boolean alive = !proc.exited();
            int reached = presses == 1
                    ? session.kernel().signalProcessGroup(proc.processGroup(), Sig.SIGINT)
                    : session.kernel().killProcessGroup(proc.processGroup());
            return reached - (alive ? 1 : 0);
        });
        session.kick();
        return presses == 1 ? others : 0;
    }

    /**
     * When the foreground wait ends: under the deterministic engine, once the machine has nothing left to run (so a
     * session without background jobs always stops at the same instruction and the next command starts from the
     * same state), or, after the program exited, once its leftovers (orphaned children) have had a moment; at once
     * when the program has exited while background jobs run, or under the parallel engine.
     */
    private final class Settling {
        private final Proc proc;
        private final String name;
        private long exitSeen;
        private boolean toldBlocked;

        Settling(Proc proc, String name) {
            this.proc = proc;
            this.name = name;
        }

        boolean done() {
            if (!proc.exited()) {
                if (session.machineQuiet() && !toldBlocked) {
                    // Nothing inside can wake it, but a signal from the terminal can: wait on, as a terminal does.
                    toldBlocked = true;
                    out().printf("%s is blocked and nothing in the machine can wake it; Ctrl-C interrupts it%n", name);
                    out().flush();
                }
                return session.unusable() != null || session.halted() != null;
            }
            if (session.machineQuiet()) {
                return true;
            }
            if (session.backgroundJobsRunning() || !session.deterministic()) {
                return true; // the machine will not go quiet (or need not: the parallel engine never repeats a run)
            }
            long now = System.nanoTime();
            if (exitSeen == 0) {
                exitSeen = now;
            }
            return now - exitSeen > SETTLE_NANOS;
        }
    }
}
