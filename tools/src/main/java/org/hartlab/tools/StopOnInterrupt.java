package org.hartlab.tools;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hartlab.core.Machine;

/**
 * Ctrl-C during a command-line run: stops the machine at its next slice boundary and gives the command a
 * moment to say where it stopped, instead of the JVM dying mid-instruction with nothing printed.
 */
final class StopOnInterrupt implements AutoCloseable {
    private final Thread hook;
    private final CountDownLatch reported = new CountDownLatch(1);

    StopOnInterrupt(Machine machine) {
        this.hook = new Thread(() -> {
            machine.requestStop();
            try {
                reported.await(2, TimeUnit.SECONDS);
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
