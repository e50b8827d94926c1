package org.hartlab.tools.shell;

import org.hartlab.kernel.proc.Proc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code wait [PID]}: let background jobs run in the foreground until they end. */
@Command(name = "wait", mixinStandardHelpOptions = true,
        description = {"Wait until background jobs end (all of them, or PID); Ctrl-C stops waiting.",
            "Their output streams meanwhile; the wait also ends when nothing can run any more.",
            "Jobs that ended are reported and reaped (ps no longer lists them)."})
final class WaitCommand extends ShellCommand {
    @Parameters(arity = "0..1", paramLabel = "PID", description = "The process to wait for (default: every background job).")
    Integer pid;

    WaitCommand(ShellSession session) {
        super(session);
    }

    @Override
    protected int execute() {
        Proc proc = null;
        if (pid != null) {
            proc = session.paused(() -> session.kernel().processTable().get(pid));
            if (proc == null) {
                return fail("no process " + pid);
            }
        }
        Proc awaited = proc;
        boolean[] stop = new boolean[1];
        String what = awaited == null ? "background jobs" : "pid %d (%s)".formatted(awaited.pid(), awaited.name());
        // Until the jobs have ended and freed their memory: then the prompt reaps them (and reports them done).
        session.awaitJobs(() -> stop[0] || session.machineQuiet()
                        || (awaited == null ? !session.backgroundJobsLeft() : awaited.exited() && awaited.vmDestroyed()),
                () -> stop[0] = true, what, session.machine());
        if (stop[0]) {
            out().println("wait: stopped waiting (Ctrl-C); the jobs run on");
            return 0;
        }
        if (awaited == null ? session.backgroundJobsRunning() : !awaited.exited()) {
            String unusable = session.unusable();
            return fail(unusable != null ? unusable : "nothing can run any more: " + what + " blocked for good");
        }
        return 0;
    }
}
