package org.hartlab.tools.shell;

import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hartlab.kernel.proc.KThread;
import org.hartlab.kernel.proc.Proc;
import picocli.CommandLine.Command;

/** {@code ps}: the kernel's process table. */
@Command(name = "ps", mixinStandardHelpOptions = true,
        description = {"List processes: pid, parent, state, threads, harts, name.",
            "A process that ended shows its exit status and stays listed until its parent waits for it; the "
                + "shell reaps what it ran (and orphans) once they end and free their memory.",
            "& marks background jobs."})
final class PsCommand extends ShellCommand {
    PsCommand(ShellSession session) {
        super(session);
    }

    @Override
    protected int execute() {
        Table table = new Table("PID", "PPID", "STATE", "THREADS", "HARTS", "NAME");
        session.reapZombies();
        session.paused(() -> {
            for (Map.Entry<Integer, Proc> e : session.kernel().processTable().entrySet()) {
                Proc p = e.getValue();
                // a zombie keeps its thread records (and the hart each last ran on) until it is reaped, but none
                // of them runs any more
                TreeSet<Integer> harts = p.exited() ? new TreeSet<>() : p.threads().stream()
                        .filter(t -> t.hart() != null).map(t -> t.hart().id())
                        .collect(Collectors.toCollection(TreeSet::new));
                table.row(p.pid(), p.parent() == null ? "-" : p.parent().pid(), state(p),
                        p.exited() ? 0 : p.threads().size(),
                        harts.isEmpty() ? "-" : harts.stream().map(String::valueOf).collect(Collectors.joining(",")),
                        p.name() + (session.isBackgroundJob(p.pid()) ? " &" : ""));
            }
        });
        if (table.size() == 0) {
            out().println("no processes");
        } else {
            table.print(out());
        }
        return 0;
    }

    /** "running" if a thread is on a hart, else "runnable" if one waits for a hart, else "sleeping"; or how it ended. */
    static String state(Proc p) {
        if (p.exited()) {
            return ShellSession.waitStatus(p.exitStatus());
        }
        boolean runnable = false;
        for (KThread t : p.threads()) {
            if (t.state() == KThread.State.RUNNING) {
                return "running";
            }
            runnable |= t.state() == KThread.State.RUNNABLE;
        }
        return runnable ? "runnable" : "sleeping";
    }
}
