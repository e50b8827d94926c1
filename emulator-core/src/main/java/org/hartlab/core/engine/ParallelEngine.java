package org.hartlab.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.hartlab.core.Machine;
import org.hartlab.core.RunResult;
import org.hartlab.core.aclint.IpiController;
import org.hartlab.core.hart.Hart;

/**
 * One host thread per hart, all running at once. A hart in WFI parks its thread until an interrupt is raised
 * for it; the calling thread watches for the end and, when every hart sleeps, moves guest time to the next
 * timer deadline (or reports a deadlock). Runs are not reproducible: that is the deterministic engine's job.
 *
 * <p>The harts keep in step in guest time: while harts interact — an IPI is on its way, or some hart is doing kernel
 * work in its current slice — none runs more than {@link #DEFAULT_WINDOW} guest cycles ahead of the slowest hart that
 * is running (lax synchronisation, as parallel simulators such as Graphite do). The host's scheduler runs the hart
 * threads when it likes: with more harts than cores a thread may be off its core for a whole quantum, millions of
 * instructions of the others, and an IPI due after a few thousand of the target's cycles would arrive, in the others'
 * time, hundreds of times later than on a real machine — a window no real race has. Kernel work ({@link #spend}) is the
 * same rule: the hart adds the cycles and waits until the others have got that far, so the other harts run as long as
 * the kernel works, whatever the host's speed. Otherwise the bound is {@link #FREE_RUN_WINDOW}: harts that only compute
 * need not wait for each other every two thousand instructions (that costs two harts on two cores more than half their
 * speed), yet never drift far apart.
 */
public final class ParallelEngine implements Engine {
    /**
     * Instructions between checks of the stop conditions; small enough for a prompt stop (about 10 µs), large
     * enough that the checks cost little: at 10,000 two computing harts on two cores ran 1.6-1.7 times one hart,
     * at 40,000 1.9. A run passes its limit by at most this many per hart: each may be in its last slice when the
     * limit is reached. An IPI ends its target's slice ({@link IpiController#setEndTargetSlices}), so it lands on
     * time however long the slice was to be.
     */
    public static final int SLICE = 40_000;
    /**
     * The default skew bound, in guest cycles: about an IPI's latency (see KernelCosts.IPI_DELAY), so what one
     * hart does within an IPI's flight is seen by the others in about the order a real machine would give.
     */
    public static final long DEFAULT_WINDOW = 2_000;
    /** The skew bound while no hart interacts with another. */
    public static final long FREE_RUN_WINDOW = 100_000;

    /**
     * Per hart, its guest clock as the others see it: {@link Hart#progress()} plus its {@link #idle} cycles,
     * published by the hart's own thread at every slice end and kernel charge (a new array per run).
     */
    private volatile AtomicLongArray clocks = new AtomicLongArray(0);
    /**
     * Per hart, the guest cycles it slept in WFI (its progress stands still meanwhile); each element is written
     * and read only by its hart's thread.
     */
    private long[] idle = new long[0];
    /**
     * Per hart, 1 while its current slice has done kernel work ({@link #spend}); set by the hart's thread in
     * spend, cleared by it when the slice ends. {@link #kernelSlices} counts the ones.
     */
    private volatile AtomicIntegerArray inKernel = new AtomicIntegerArray(0);
    private final AtomicInteger kernelSlices = new AtomicInteger();
    private volatile List<Hart> harts = List.of();
    /** Per hart, the host thread that runs it in the current run (empty between runs). */
    private volatile List<Thread> hartThreads = List.of();
    private volatile Machine machine;

    @Override
    public RunResult run(Machine machine, long maxInstructions) {
        List<Hart> harts = machine.harts();
        this.machine = machine;
        this.idle = new long[harts.size()];
        AtomicLongArray published = new AtomicLongArray(harts.size());
        for (Hart h : harts) {
            published.set(h.id(), h.progress());
        }
        this.clocks = published;
        this.inKernel = new AtomicIntegerArray(harts.size());
        kernelSlices.set(0);
        this.harts = harts;
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
                    () -> runHart(machine, hart, executed, maxInstructions, last, deadlocked));
            t.setUncaughtExceptionHandler((th, e) -> {
                failure.compareAndSet(null, e);
                machine.requestStop();
            });
            hart.setParker(t);
            threads.add(t);
        }
        this.hartThreads = List.copyOf(threads);
        machine.ipis().setEndTargetSlices(true); // an IPI must not wait for the end of its target's long slice
        harts.forEach(h -> h.setOnline(true));
        threads.forEach(Thread::start);
        RunResult.Outcome outcome = null;
        while (outcome == null) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            outcome = machine.endCondition(executed.sum(), maxInstructions);
            if (outcome == null && threads.stream().allMatch(t -> t.getState() != Thread.State.RUNNABLE)
                    && allAsleep(harts)) {
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
        machine.ipis().setEndTargetSlices(false);
        this.harts = List.of();
        this.hartThreads = List.of();
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
     * Charges the cycles, then waits until no running hart is more than the window behind: the others run that
     * many cycles meanwhile, as they would while a real kernel works. Between runs (a process spawned from the
     * shell) nothing runs to wait for.
     */
    @Override
    public void spend(Hart hart, long cycles) {
        hart.spendKernelCycles(cycles);
        Machine m = machine;
        m.retired(cycles);
        if (isHartThread(hart)) {
            if (inKernel.getAndSet(hart.id(), 1) == 0) {
                kernelSlices.incrementAndGet();
            }
            publish(hart);
            while (ahead(hart) > DEFAULT_WINDOW && m.endCondition(0, Long.MAX_VALUE) == null) {
                Thread.yield();
            }
        }
        m.prepareSlice(hart);
    }

    /** True when the caller is {@code hart}'s own thread in a run, the only one that may publish its clock. */
    private boolean isHartThread(Hart hart) {
        List<Thread> threads = hartThreads;
        return hart.id() < threads.size() && threads.get(hart.id()) == Thread.currentThread();
    }

    /** The skew bound now: {@link #DEFAULT_WINDOW} while harts interact, else {@link #FREE_RUN_WINDOW}. */
    private long currentWindow() {
        return kernelSlices.get() > 0 || machine.ipis().anyInFlight() ? DEFAULT_WINDOW : FREE_RUN_WINDOW;
    }

    /** Ends {@code hart}'s slice for {@link #inKernel}. */
    private void sliceEnded(Hart hart) {
        if (inKernel.getAndSet(hart.id(), 0) == 1) {
            kernelSlices.decrementAndGet();
        }
    }

    private long clock(Hart hart) {
        return hart.progress() + idle[hart.id()];
    }

    private void publish(Hart hart) {
        clocks.setRelease(hart.id(), clock(hart));
    }

    /**
     * The smallest clock among the other harts that are running (online, not asleep in WFI, not held by code
     * outside the engine), or {@link Long#MAX_VALUE} when none is: such a hart's clock stands still, and nobody
     * waits for it.
     */
    private long laggard(Hart self) {
        AtomicLongArray published = clocks;
        long min = Long.MAX_VALUE;
        for (Hart h : harts) {
            if (h != self && h.online() && !h.asleep() && !h.held()) {
                min = Math.min(min, published.getAcquire(h.id()));
            }
        }
        return min;
    }

    /** How many guest cycles {@code hart} is ahead of the laggard (negative when it is behind, or alone). */
    private long ahead(Hart hart) {
        long laggard = laggard(hart);
        return laggard == Long.MAX_VALUE ? Long.MIN_VALUE : clock(hart) - laggard;
    }

    private static Thread threadOf(List<Thread> threads, Hart h) {
        return threads.get(h.id());
    }

    private void runHart(Machine machine, Hart hart, LongAdder executed, long max, AtomicReference<Hart> last,
                         AtomicBoolean deadlocked) {
        try {
            runSlices(machine, hart, executed, max, last, deadlocked);
        } finally {
            hart.setOnline(false);
        }
    }

    /** Runs slices until the run ends; the hart whose slice ends it is the one the result names. */
    private void runSlices(Machine machine, Hart hart, LongAdder executed, long max, AtomicReference<Hart> last,
                           AtomicBoolean deadlocked) {
        while (!deadlocked.get() && machine.endCondition(executed.sum(), max) == null) {
            long ahead = ahead(hart);
            long bound = currentWindow();
            if (ahead >= bound) {
                Thread.yield(); // the laggard may be waiting for this core
                continue;
            }
            long budget = Math.min(SLICE, Math.max(1, max - executed.sum()));
            if (ahead != Long.MIN_VALUE) {
                budget = Math.min(budget, bound - ahead);
            }
            int steps = hart.run((int) Math.min(budget, machine.prepareSlice(hart)));
            sliceEnded(hart);
            publish(hart);
            if (hart.stoppedByDebugger()) {
                machine.debugBreak(hart);
            }
            if (steps == 0) {
                // WFI with nothing pending: sleep until raise() unparks us (or the watcher does).
                LockSupport.parkNanos(hart, TimeUnit.MILLISECONDS.toNanos(50));
                catchUp(hart);
                continue;
            }
            executed.add(steps);
            machine.retired(steps);
            if (machine.endCondition(executed.sum(), max) != null) {
                last.compareAndSet(null, hart);
            }
        }
    }

    /**
     * After a sleep, moves {@code hart}'s clock up to the laggard's: the others ran on while it slept, and it must
     * neither hold them back nor run ahead of them.
     */
    private void catchUp(Hart hart) {
        long laggard = laggard(hart);
        if (laggard != Long.MAX_VALUE && laggard > clock(hart)) {
            idle[hart.id()] += laggard - clock(hart);
        }
        publish(hart);
    }

    private static boolean allAsleep(List<Hart> harts) {
        for (Hart h : harts) {
            if (!h.asleep()) {
                return false;
            }
        }
        return true;
    }
}
