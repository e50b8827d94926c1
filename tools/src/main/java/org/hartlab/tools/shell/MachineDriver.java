package org.hartlab.tools.shell;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.hartlab.core.Machine;
import org.hartlab.core.RunResult;

/**
 * Runs the shell's machine on a worker thread whenever a process may run, and holds it still around every shell
 * command that reads or changes kernel state ({@link #paused}): at a {@link SafePoint}, where no hart is inside the
 * kernel and none executes an instruction.
 *
 * <p>Background jobs therefore keep running while the prompt waits for input. The machine goes quiet by itself
 * when every hart idles (all processes exited or blocked: the engine reports a deadlock) and runs again after a
 * {@link #kick}, which the shell gives after spawning or killing a process. It is <em>halted</em> where a stop
 * the user asked for ends a run (before a stale access, at a violation): it then stands exactly there, kernel
 * work in flight included, until {@link #resume} (the shell's {@code continue}) or a debugger takes it.
 */
final class MachineDriver implements AutoCloseable {
    /** Instructions per engine run; a run that reaches it simply starts again. */
    private static final long RUN_LIMIT = Long.MAX_VALUE / 4;

    private final Machine machine;
    private final SafePoint safePoint;
    private final Thread worker;
    private final Consumer<String> onFailure;
    private final Supplier<String> haltReason;

    // guarded by this
    private boolean running;
    private int pauses;
    private boolean work;
    private long kicks;
    private boolean closed;
    private boolean poweredOff;
    private int powerOffCode;
    /** Why the machine stands still until {@link #resume} (a stop the user asked for), or null. */
    private String halted;

    /**
     * {@code haltReason} is asked after every run that a debug stop ended: a non-null answer (a stale access, a
     * violation) halts the machine there, for the user to look at, until {@link #resume}.
     */
    MachineDriver(Machine machine, SafePoint safePoint, Consumer<String> onFailure, Supplier<String> haltReason) {
        this.machine = machine;
        this.safePoint = safePoint;
        this.onFailure = onFailure;
        this.haltReason = haltReason;
        this.worker = Thread.ofPlatform().daemon().name("hartlab-machine").unstarted(this::loop);
        worker.start();
    }

    /**
     * Runs {@code action} with the machine at a safe point (stopped, or held: see {@link SafePoint}) and returns its
     * result; the machine goes on afterwards, if it has work. Calls may nest.
     */
    <T> T paused(Supplier<T> action) {
        synchronized (this) {
            if (pauses++ == 0 && running) {
                safePoint.close();
            }
            if (awaitSafePoint()) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            return action.get();
        } finally {
            synchronized (this) {
                if (--pauses == 0) {
                    safePoint.open();
                }
                notifyAll();
            }
        }
    }

    /** Waits on this monitor while {@code busy} holds; returns true if the wait was interrupted. */
    private boolean awaitWhile(BooleanSupplier busy) {
        boolean interrupted = false;
        while (busy.getAsBoolean()) {
            interrupted |= await(1);
        }
        return interrupted;
    }

    /** Until the run has ended or is held at the safe point. */
    private boolean awaitSafePoint() {
        return awaitWhile(() -> running && !safePoint.reached());
    }

    /**
     * Ends the run (no safe point needed: a hart inside the kernel finishes what it does, see the kernel's
     * shootdown) and lends the machine to {@code action}, which runs it itself (a debugger); the driver runs it
     * again afterwards, unless it powered off meanwhile.
     */
    <T> T lend(Supplier<T> action) {
        synchronized (this) {
            pauses++;
            if (running) {
                machine.requestStop();
            }
            if (awaitWhile(() -> running)) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            return action.get();
        } finally {
            synchronized (this) {
                pauses--;
                halted = null; // the debugger ran the machine from where it stood: that halt is over
                machine.cancelStop();
                if (machine.exitRequested()) {
                    poweredOff = true;
                    powerOffCode = machine.exitCode();
                }
                work = true;
                notifyAll();
            }
        }
    }

    void paused(Runnable action) {
        paused(() -> {
            action.run();
            return null;
        });
    }

    /** Something may have become runnable (a spawn, a kill): run the machine again. */
    synchronized void kick() {
        work = true;
        kicks++;
        notifyAll();
    }

    /** True when the machine has nothing to run: every hart idles, it powered off, or it is halted. */
    synchronized boolean quiet() {
        return poweredOff || closed || halted != null || (!running && !work);
    }

    /** Why the machine is halted (see the constructor), or null if it runs when it has work. */
    synchronized String halted() {
        return halted;
    }

    /** Lets a halted machine run on; returns false if it was not halted. */
    synchronized boolean resume() {
        if (halted == null) {
            return false;
        }
        halted = null;
        work = true;
        notifyAll();
        return true;
    }

    /** True once the kernel powered the machine off (a kernel panic): nothing will run on it again. */
    synchronized boolean poweredOff() {
        return poweredOff;
    }

    synchronized int powerOffCode() {
        return powerOffCode;
    }

    /** Stops the machine for good and waits for the worker to end. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            pauses++;
            if (running) {
                safePoint.close();
                awaitSafePoint();
            }
            safePoint.discard();
            machine.requestStop();
            notifyAll();
        }
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        machine.completeKernelWork(); // a halt's parked kernel work would otherwise keep its threads forever
    }

    private void loop() {
        while (true) {
            long kicksAtStart;
            synchronized (this) {
                while (!closed && (pauses > 0 || !work || poweredOff || halted != null)) {
                    await(0);
                }
                if (closed) {
                    return;
                }
                running = true;
                kicksAtStart = kicks;
            }
            RunResult result = null;
            Throwable failure = null;
            try {
                result = machine.run(RUN_LIMIT);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            synchronized (this) {
                running = false;
                machine.cancelStop(); // a stop asked for just after the run ended must not end the next one
                if (failure != null) {
                    poweredOff = true;
                    powerOffCode = 255;
                } else if (result.outcome() == RunResult.Outcome.DEADLOCK) {
                    work = kicks != kicksAtStart;
                } else if (result.outcome() == RunResult.Outcome.EXITED) {
                    poweredOff = true;
                    powerOffCode = result.exitCode();
                } else if (result.outcome() == RunResult.Outcome.BREAK) {
                    halted = haltReason.get();
                }
                notifyAll();
            }
            if (failure != null) {
                onFailure.accept("internal error in the machine: " + failure);
            } else if (result.outcome() == RunResult.Outcome.EXITED) {
                onFailure.accept("the kernel powered the machine off (status " + result.exitCode()
                        + "); type boot to start a new one");
            }
        }
    }

    /** Waits on this monitor (0: until notified); returns true if interrupted (the caller restores the flag). */
    private boolean await(long millis) {
        try {
            wait(millis);
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }
}
