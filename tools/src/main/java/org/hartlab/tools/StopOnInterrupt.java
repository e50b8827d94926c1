package org.hartlab.tools;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hartlab.core.Machine;

/**
 * Ctrl-C during a command-line run: stops the work (a machine at its next slice boundary, a stress run after
 * its current seeds) and gives the command a moment to say where it stopped, instead of the JVM dying with
 * nothing printed.
 */
public final class StopOnInterrupt implements AutoCloseable {
    private final Thread hook;
    private final CountDownLatch reported = new CountDownLatch(1);

    StopOnInterrupt(Machine machine) {
        this(machine::requestStop);
    }

    /** Runs {@code stop} on Ctrl-C, then waits (a few seconds at most) for the command to report. */
    public StopOnInterrupt(Runnable stop) {
        this.hook = new Thread(() -> {
            stop.run();
            try {
                reported.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hartlab-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The command has reported how the run ended; the JVM may exit. */
    @Override
    public void close() {
        reported.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C is being handled: the hook is running and will see the countdown.
        }
    }
}
