package org.hartlab.tools.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code continue}: let a machine halted by {@code --stop-on-stale} or {@code --stop-on-violation} run on. */
@Command(name = "continue", mixinStandardHelpOptions = true,
        description = {"Let the machine run on from where a --stop-on-stale or --stop-on-violation halted it: the "
                + "access that stopped it executes, kernel work in flight resumes. The job it halted runs on in the "
                + "background and is reported when it ends. It waits, as run does, until the machine halts again or "
                + "has nothing left to run (Ctrl-C stops the waiting). The stop options arm the next halt."})
final class ContinueCommand extends ShellCommand {
    @Mixin
    StopOptions stops;

    ContinueCommand(ShellSession session) {
        super(session);
    }

    @Override
    protected int execute() {
        String halt = session.halted();
        if (halt == null) {
            return fail("the machine is not halted (run --stop-on-stale or --stop-on-violation halts it)");
        }
        if (stops.any()) {
            session.paused(() -> stops.arm(session));
        }
        session.resume();
        out().println("continuing from " + halt);
        out().flush();
        // In the foreground, as a debugger's continue: until the machine halts again or has nothing to run
        session.awaitForeground(session::machineQuiet, () -> { }, "continuing", session.machine());
        String again = session.halted();
        if (again != null) {
            out().println(StopOptions.halted(again));
        }
        return 0;
    }
}
