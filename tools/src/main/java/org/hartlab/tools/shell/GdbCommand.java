package org.hartlab.tools.shell;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hartlab.core.Machine;
import org.hartlab.core.debug.MachineDebugTarget;
import org.hartlab.tools.gdb.GdbServer;
import org.hartlab.tools.gdb.SessionOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code gdb [PORT]}: hands the running machine to a debugger. The machine stops where it is; gdb-multiarch
 * attaches over the remote protocol (each hart a thread, breakpoints kept out of guest memory) and runs it as it
 * likes; when gdb detaches, or Ctrl-C ends the serving, the shell gets the machine back and it runs on.
 */
@Command(name = "gdb", mixinStandardHelpOptions = true,
        description = {"Stop the machine and serve it to gdb on 127.0.0.1:PORT until gdb detaches (Ctrl-C ends it).",
            "Attach with: gdb-multiarch -ex 'target remote 127.0.0.1:PORT'. Each hart is a gdb thread (ids 1..N);"
                + " monitor tlb N, pt VA, stats, harts, phys on|off work there."})
final class GdbCommand extends ShellCommand {
    private static final String HOST = "127.0.0.1";
    /** No end: gdb decides how long the machine runs. */
    private static final long NO_LIMIT = Long.MAX_VALUE / 4;
    /** The power-off status of a machine gdb killed: 128 + SIGKILL, as a shell reports a killed process. */
    private static final int KILLED_STATUS = 137;

    @Parameters(arity = "0..1", paramLabel = "PORT", defaultValue = "1234",
            description = "TCP port (default: ${DEFAULT-VALUE}, as gdb's own servers use; 0: any free port).")
    int port;

    GdbCommand(ShellSession session) {
        super(session);
    }

    @Override
    protected int execute() {
        if (port < 0 || port > 65535) {
            return fail("PORT must be 0..65535, got " + port);
        }
        String problem = session.lend(this::serve);
        return problem == null ? 0 : fail(problem);
    }

    /** Serves the stopped machine until gdb lets go of it; returns a problem, or null. */
    private String serve() {
        Machine machine = session.machine();
        MachineDebugTarget target = new MachineDebugTarget(machine, NO_LIMIT);
        target.setHartContext(session.kernel()::describeHart);
        AtomicBoolean ended = new AtomicBoolean();
        SessionOutcome outcome = null;
        try (GdbServer server = new GdbServer(target, out())) {
            InetSocketAddress bound;
            try {
                bound = server.start(HOST, port);
            } catch (IOException e) {
                return e.getMessage();
            }
            String where = HOST + ":" + bound.getPort();
            out().printf("gdb: listening on %s, the machine stopped; attach with: gdb-multiarch -ex 'target remote %s'"
                    + "; detach gives it back (Ctrl-C here ends the serving)%n", where, where);
            out().flush();
            CompletableFuture<SessionOutcome> debugging = server.outcome();
            session.awaitForeground(() -> debugging.isDone() || ended.get(), () -> ended.set(true),
                    () -> "gdb server on " + where + " | Ctrl-C ends it");
            outcome = debugging.getNow(null);
        } finally {
            target.detach();
        }
        if (outcome == null) {
            out().println("gdb: serving ended; the machine runs on");
        } else {
            switch (outcome.kind()) {
                case DETACHED -> out().println("gdb: detached; the machine runs on");
                case KILLED -> {
                    machine.powerOff(KILLED_STATUS); // gdb's kill ends the inferior: here, the whole machine
                    out().println("gdb: killed from gdb; type boot for a new machine");
                }
                case EXITED -> out().println("gdb: the machine powered off (status " + outcome.exitCode() + ")");
            }
        }
        return null;
    }
}
