package org.hartlab.tools.shell;

import org.hartlab.kernel.proc.Proc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kill PID}: end a process as SIGKILL would. */
@Command(name = "kill", mixinStandardHelpOptions = true,
        description = {"Kill a process as SIGKILL would (wait status 9).",
            "Its threads leave their harts at their next trap, which an IPI brings at once."})
final class KillCommand extends ShellCommand {
    @Parameters(paramLabel = "PID", description = "The process to kill (see ps).")
    int pid;

    KillCommand(ShellSession session) {
        super(session);
    }

    @Override
    protected int execute() {
        String problem = session.paused(() -> {
            Proc p = session.kernel().processTable().get(pid);
            if (p == null) {
                return "no process " + pid;
            }
            if (p.exited()) {
                return "pid %d (%s) has already ended (%s)".formatted(pid, p.name(),
                        ShellSession.waitStatus(p.exitStatus()));
            }
            session.kernel().kill(pid);
            return null;
        });
        if (problem != null) {
            return fail(problem);
        }
        session.kick();
        out().println("killed pid " + pid);
        return 0;
    }
}
