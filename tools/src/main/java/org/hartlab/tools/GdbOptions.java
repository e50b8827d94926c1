package org.hartlab.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import org.hartlab.core.Machine;
import org.hartlab.core.debug.MachineDebugTarget;
import org.hartlab.tools.gdb.GdbAddress;
import org.hartlab.tools.gdb.GdbServer;
import org.hartlab.tools.gdb.SessionOutcome;
import picocli.CommandLine.Option;

/**
 * {@code --gdb PORT} and {@code --gdb-host HOST}, shared by every command that runs a machine, and the serving
 * of a halted machine to GDB until the guest exits, GDB kills it, or GDB detaches (then the run goes on).
 */
final class GdbOptions {
    @Option(names = "--gdb", paramLabel = "PORT",
            description = {"Serve the GDB remote protocol on PORT (0: any free port); the harts stay halted before",
                "their first instruction until gdb continues. Each hart is a gdb thread (ids 1..N)."})
    Integer port;

    @Option(names = "--gdb-host", paramLabel = "HOST",
            description = "Address the GDB server listens on (default: ${DEFAULT-VALUE}). Anything but loopback lets"
                    + " whoever reaches it read and write guest memory.")
    String host = "127.0.0.1";

    boolean requested() {
        return port != null;
    }

    /** A one-line complaint about the options, or null when they are fine. */
    String problem() {
        return port != null && (port < 0 || port > 65535) ? "--gdb must be a TCP port 0..65535, got " + port : null;
    }

    /**
     * Serves {@code machine} to GDB. {@code hartContext} adds to each thread's description (the kernel's pid and
     * tid); {@code runOn} finishes the run after a detach and returns the exit code.
     */
    int serve(String command, Machine machine, long maxInstructions, IntFunction<String> hartContext, PrintWriter err,
              IntSupplier runOn) {
        try {
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                err.printf("hartlab %s: warning: --gdb-host %s is not a loopback address: anyone who can reach it"
                        + " can read and write guest memory%n", command, host);
            }
        } catch (UnknownHostException e) {
            err.println("hartlab " + command + ": --gdb-host: unknown host " + host);
            return ExitCodes.USAGE;
        }
        MachineDebugTarget target = new MachineDebugTarget(machine, maxInstructions);
        target.setHartContext(hartContext);
        SessionOutcome outcome;
        try (GdbServer server = new GdbServer(target, err)) {
            InetSocketAddress bound;
            try {
                bound = server.start(host, port);
            } catch (IOException e) {
                err.println("hartlab " + command + ": gdb: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            err.printf("hartlab %s: gdb server listening on %s; harts halted at 0x%x (gdb: target remote %s)%n",
                    command, GdbAddress.listening(bound), machine.hart(0).pc(), GdbAddress.forGdb(bound));
            err.flush();
            outcome = server.awaitOutcome();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.STOPPED;
        }
        err.flush();
        return switch (outcome.kind()) {
            case EXITED -> outcome.exitCode();
            case KILLED -> {
                err.println("hartlab " + command + ": killed from gdb");
                yield ExitCodes.STOPPED;
            }
            case DETACHED -> {
                target.detach();
                yield runOn.getAsInt();
            }
        };
    }
}
