package org.hartlab.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.hartlab.core.Machine;
import org.hartlab.core.RunResult;
import org.hartlab.core.hart.Hart;

/**
 * One host thread per hart, all running at once. A hart in WFI parks its thread until an interrupt is raised
 * for it; the calling thread watches for the end and, when every hart sleeps, moves guest time to the next
 * timer deadline (or reports a deadlock). Runs are not reproducible: that is the deterministic engine's job.
 */
public final class ParallelEngine implements Engine {
    /**
     * Instructions between checks of the stop conditions; small enough for a prompt stop. A run passes its limit
     * by at most this many per hart: each may be in its last slice when the limit is reached.
     */
    public static final int SLICE = 10_000;
    /** The host time a guest instruction is assumed to take before a hart has measured its own. */
    private static final double FIRST_NANOS_PER_INSTRUCTION = 5.0;
    /** The longest a single {@link #spend} waits, so a mismeasured pace cannot stall a hart for long. */
    private static final long MAX_SPEND_NANOS = 1_000_000;

    /**
     * Per hart, the host nanoseconds one of its guest instructions has taken lately; each element is written and
     * read only by its hart's thread (a new array per run).
     */
    private double[] nanosPerInstruction = new double[0];
    private volatile Machine machine;

    @Override
    public RunResult run(Machine machine, long maxInstructions) {
        List<Hart> harts = machine.harts();
        this.machine = machine;
        double[] pace = new double[harts.size()];
        java.util.Arrays.fill(pace, FIRST_NANOS_PER_INSTRUCTION);
        this.nanosPerInstruction = pace;
        // Every hart thread updates these after every slice, so they must not make the threads contend: a
        // LongAdder, and the last hart recorded only by the slice that ends the run.
        LongAdder executed = new LongAdder();
        AtomicReference<Hart> last = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // A deadlock is no end condition the harts can see (none of them is running): the watcher tells them.
        AtomicBoolean deadlocked = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (Hart hart : harts) {
            Thread t = Thread.ofPlatform().name("hart-" + hart.id()).daemon().unstarted(
                    () -> runHart(machine, hart, executed, maxInstructions, last, pace, deadlocked));
            t.setUncaughtExceptionHandler((th, e) -> {
                failure.compareAndSet(null, e);
                machine.requestStop();
            });
            hart.setParker(t);
            threads.add(t);
        }
        harts.forEach(h -> h.setOnline(true));
        threads.forEach(Thread::start);
        RunResult.Outcome outcome = null;
        while (outcome == null) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            outcome = machine.endCondition(executed.sum(), maxInstructions);
            if (outcome == null && threads.stream().allMatch(t -> t.getState() != Thread.State.RUNNABLE)
                    && allAsleep(machine, harts)) {
                if (machine.skipToNextTimer()) {
                    harts.forEach(h -> LockSupport.unpark(threadOf(threads, h)));
                } else {
                    outcome = RunResult.Outcome.DEADLOCK;
                    deadlocked.set(true);
                }
            }
        }
        machine.endAllSlices();
        threads.forEach(LockSupport::unpark);
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        harts.forEach(h -> h.setParker(null));
        if (failure.get() != null) {
            throw new IllegalStateException("parallel engine: a hart thread failed", failure.get());
        }
        return machine.result(outcome, executed.sum(), last.get() != null ? last.get() : harts.getFirst());
    }

    /**
     * Every hart already runs concurrently, but not always on a core of its own: with more harts than cores, the
     * hart being waited for (a shootdown's target, a lock's holder) may be waiting for this thread's core. So a
     * yield point gives the core up; spinning in place would make the wait a whole scheduler quantum.
     */
    @Override
    public void yieldPoint(Hart hart) {
        Thread.yield();
    }

    /**
     * Charges the cycles, then waits about as long as the hart would have taken to run that many instructions
     * (its own measured pace), so the other harts get that far meanwhile, as they would while a real kernel works.
     */
    @Override
    public void spend(Hart hart, long cycles) {
        hart.spendKernelCycles(cycles);
        Machine m = machine;
        m.retired(cycles);
        double[] pace = nanosPerInstruction;
        double perInstruction = hart.id() < pace.length ? pace[hart.id()] : FIRST_NANOS_PER_INSTRUCTION;
        long deadline = System.nanoTime() + Math.min(MAX_SPEND_NANOS, (long) (cycles * perInstruction));
        while (System.nanoTime() < deadline && m.endCondition(0, Long.MAX_VALUE) == null) {
            Thread.yield();
        }
        m.prepareSlice(hart);
    }

    private static Thread threadOf(List<Thread> threads, Hart h) {
        return threads.get(h.id());
    }

    private static void runHart(Machine machine, Hart hart, LongAdder executed, long max,
                                AtomicReference<Hart> last, double[] pace, AtomicBoolean deadlocked) {
        try {
            runSlices(machine, hart, executed, max, last, pace, deadlocked);
        } finally {
            hart.setOnline(false);
        }
    }

    /** Runs slices until the run ends; the hart whose slice ends it is the one the result names. */
    private static void runSlices(Machine machine, Hart hart, LongAdder executed, long max,
                                  AtomicReference<Hart> last, double[] pace, AtomicBoolean deadlocked) {
        while (!deadlocked.get() && machine.endCondition(executed.sum(), max) == null) {
            long budget = Math.min(SLICE, Math.max(1, max - executed.sum()));
            long start = System.nanoTime();
            long kernelBefore = hart.kernelCycles();
            int steps = hart.run((int) Math.min(budget, machine.prepareSlice(hart)));
            if (steps > 0 && hart.kernelCycles() == kernelBefore) {
                // Only slices without kernel work measure the pace: spend's own waits would feed back into it.
                pace[hart.id()] = 0.9 * pace[hart.id()] + 0.1 * ((System.nanoTime() - start) / (double) steps);
            }
            if (hart.stoppedByDebugger()) {
                machine.debugBreak(hart);
            }
            if (steps == 0) {
                // WFI with nothing pending: sleep until raise() unparks us (or the watcher does).
                LockSupport.parkNanos(hart, TimeUnit.MILLISECONDS.toNanos(50));
                continue;
            }
            executed.add(steps);
            machine.retired(steps);
            if (machine.endCondition(executed.sum(), max) != null) {
                last.compareAndSet(null, hart);
            }
        }
    }

    private static boolean allAsleep(Machine machine, List<Hart> harts) {
        for (Hart h : harts) {
            if (!h.asleep()) {
                return false;
            }
        }
        return true;
    }
}
