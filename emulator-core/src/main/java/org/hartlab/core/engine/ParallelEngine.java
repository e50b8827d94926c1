package org.hartlab.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
    /** Instructions between checks of the stop conditions; small enough for a prompt stop. */
    private static final int SLICE = 10_000;

    @Override
    public RunResult run(Machine machine, long maxInstructions) {
        List<Hart> harts = machine.harts();
        AtomicLong executed = new AtomicLong();
        AtomicReference<Hart> last = new AtomicReference<>(harts.getFirst());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (Hart hart : harts) {
            Thread t = Thread.ofPlatform().name("hart-" + hart.id()).daemon().unstarted(
                    () -> runHart(machine, hart, executed, maxInstructions, last));
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
            outcome = machine.endCondition(executed.get(), maxInstructions);
            if (outcome == null && threads.stream().allMatch(t -> t.getState() != Thread.State.RUNNABLE)
                    && allAsleep(machine, harts)) {
                if (machine.skipToNextTimer()) {
                    harts.forEach(h -> LockSupport.unpark(threadOf(threads, h)));
                } else {
                    outcome = RunResult.Outcome.DEADLOCK;
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
        if (outcome == RunResult.Outcome.DEADLOCK) {
            machine.requestStop();
        }
        return machine.result(outcome, executed.get(), last.get());
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

    private static Thread threadOf(List<Thread> threads, Hart h) {
        return threads.get(h.id());
    }

    private static void runHart(Machine machine, Hart hart, AtomicLong executed, long max,
                                AtomicReference<Hart> last) {
        try {
            runSlices(machine, hart, executed, max, last);
        } finally {
            hart.setOnline(false);
        }
    }

    private static void runSlices(Machine machine, Hart hart, AtomicLong executed, long max,
                                  AtomicReference<Hart> last) {
        while (machine.endCondition(executed.get(), max) == null) {
            long budget = Math.min(SLICE, Math.max(1, max - executed.get()));
            int steps = hart.run((int) Math.min(budget, machine.prepareSlice(hart)));
            if (hart.stoppedByDebugger()) {
                machine.debugBreak(hart);
            }
            if (steps == 0) {
                // WFI with nothing pending: sleep until raise() unparks us (or the watcher does).
                LockSupport.parkNanos(hart, TimeUnit.MILLISECONDS.toNanos(50));
                continue;
            }
            executed.addAndGet(steps);
            machine.retired(steps);
            last.set(hart);
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
