package org.hartlab.core.engine;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.hartlab.core.Machine;
import org.hartlab.core.RunResult;
import org.hartlab.core.hart.Hart;

/**
 * Exactly one hart runs at a time. Every hart has its own (virtual) thread, so that Java code running on a
 * hart's behalf — the hosted kernel — can stop in the middle at a {@link #yieldPoint} and resume later; a baton
 * decides whose thread may run. After each slice, and at each yield point, a seeded {@link Schedule} picks the
 * next hart and the next slice length; slices also end where a timer or an IPI falls due. The same machine,
 * program, schedule and seed therefore give the same run, instruction for instruction.
 *
 * <p>A run can end while harts are in the middle of kernel work (waiting for a lock, for shootdown
 * acknowledgements, or busy for the guest time a fault takes). After a debugger's stop (outcome BREAK) that work
 * stays <em>suspended</em>, its thread parked, so the machine is seen exactly as it was — a shootdown still in
 * flight, a TLB entry still stale — and the next run resumes it where it was. After any other outcome, and
 * whenever someone outside a run is about to touch the machine ({@link #completeKernelWork}), the suspended work
 * is completed one hart at a time in a fixed order with the other harts offline (their acknowledgements carried
 * out on their behalf, see {@code Shootdown}): deterministic, and no two hart threads ever run at once.
 */
public final class DeterministicEngine implements Engine {
    private final Schedule schedule;

    private Machine machine;
    private List<Hart> harts;
    /** Each hart's thread; one suspended in kernel work outlives its run and carries on in the next. */
    private Thread[] threads;
    /** Guarded by the baton: only the thread of hart {@code current} touches these and the schedule. */
    private long maxInstructions;
    private long executed;
    private Hart last;
    private RunResult.Outcome outcome;
    /** Harts whose suspended kernel work {@link #completeKernelWork} is completing (guarded by the baton). */
    private boolean[] completing;
    private volatile int current;
    private volatile boolean finished;
    /** True while {@link #completeKernelWork} runs: kernel work goes on with no run around it. */
    private volatile boolean completingWork;
    /** Hart threads of this run (or completion) that have neither ended nor been suspended. */
    private final AtomicInteger active = new AtomicInteger();
    private volatile Thread driver;
    // guarded by this: which harts' threads are parked in suspended kernel work
    private boolean[] suspended;
    /** Per hart: how many times the baton went to its thread from another's (the holder counts; see skipIdle). */
    private long[] handoffs;

    public DeterministicEngine(Schedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public RunResult run(Machine machine, long maxInstructions) {
        if (this.machine == null) {
            this.machine = machine;
            this.harts = machine.harts();
            this.threads = new Thread[harts.size()];
            this.suspended = new boolean[harts.size()];
            this.completing = new boolean[harts.size()];
            this.handoffs = new long[harts.size()];
        }
        this.maxInstructions = maxInstructions;
        this.executed = 0;
        this.last = harts.getFirst();
        this.outcome = null;
        current = schedule.first();
        boolean[] resumed = begin();
        for (Hart h : harts) {
            if (!resumed[h.id()]) {
                threads[h.id()] = Thread.ofVirtual().name("hart-" + h.id()).unstarted(() -> hartLoop(h));
                threads[h.id()].start();
            }
        }
        LockSupport.unpark(threads[current]);
        awaitThreads();
        RunResult result = machine.result(outcome, executed, last);
        if (outcome != RunResult.Outcome.BREAK) {
            completeKernelWork();
        }
        return result;
    }

    /**
     * Opens a run: every hart online, every suspended thread counted active again and released to wait for the
     * baton. Returns which harts have a suspended thread (the others need a new one).
     */
    private synchronized boolean[] begin() {
        boolean[] resumed = suspended.clone();
        active.set(harts.size());
        driver = Thread.currentThread();
        finished = false;
        harts.forEach(h -> h.setOnline(true));
        Arrays.fill(suspended, false);
        notifyAll();
        return resumed;
    }

    /** Parks the calling (driver) thread until every hart thread has ended or been suspended. */
    private void awaitThreads() {
        boolean interrupted = false;
        while (active.get() > 0) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
                if (!finished) {
                    finish(RunResult.Outcome.STOPPED);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean kernelWorkSuspended() {
        if (suspended == null) {
            return false;
        }
        for (boolean s : suspended) {
            if (s) {
                return true;
            }
        }
        return false;
    }

    /**
     * Completes the kernel work runs left suspended, before anyone outside a run touches the machine (a
     * debugger's single step, the shell calling the kernel): each such hart carries on until it is back in user
     * mode, taking turns with the others at their yield points in hart order, with every hart offline so that no
     * wait is for a hart that will not run. Called from outside any run.
     */
    @Override
    public void completeKernelWork() {
        if (machine == null) {
            return; // never ran
        }
        int first = -1;
        synchronized (this) {
            int count = 0;
            for (int i = suspended.length - 1; i >= 0; i--) {
                completing[i] = suspended[i];
                if (suspended[i]) {
                    first = i;
                    count++;
                    harts.get(i).requestSliceEnd(); // back in user mode, the hart stops at once
                }
            }
            if (count == 0) {
                return;
            }
            active.set(count);
            driver = Thread.currentThread();
            current = first;
            completingWork = true;
            Arrays.fill(suspended, false);
            notifyAll();
        }
        LockSupport.unpark(threads[first]);
        awaitThreads();
        completingWork = false;
    }

    private void hartLoop(Hart hart) {
        try {
            awaitTurn(hart.id());
            while (!finished) {
                int steps = runSlice(hart);
                if (!finished) {
                    passBaton(hart.id(), schedule.afterSlice(hart.id(), steps));
                }
            }
        } finally {
            hart.setOnline(false);
            if (completingWork) {
                handOnCompletion(hart.id());
            }
            if (active.decrementAndGet() == 0) {
                LockSupport.unpark(driver);
            }
        }
    }

    /** A hart whose kernel work is complete passes the baton to the next one still completing, if any. */
    private void handOnCompletion(int me) {
        completing[me] = false;
        int next = nextCompleting(me);
        if (next != me) {
            current = next;
            LockSupport.unpark(threads[next]);
        }
    }

    private int nextCompleting(int me) {
        for (int k = 1; k <= completing.length; k++) {
            int i = (me + k) % completing.length;
            if (completing[i]) {
                return i;
            }
        }
        return me;
    }

    /** Runs one slice of {@code hart}; returns the instructions it retired. */
    private int runSlice(Hart hart) {
        RunResult.Outcome end = machine.endCondition(executed, maxInstructions);
        if (end != null) {
            finish(end);
            return 0;
        }
        long budget = Math.min(maxInstructions - executed, schedule.sliceBudget(hart.id()));
        int steps = hart.run((int) Math.min(budget, machine.prepareSlice(hart)));
        if (hart.stoppedByDebugger()) {
            machine.debugBreak(hart);
        }
        if (steps > 0) {
            last = hart;
            executed += steps;
            machine.retired(steps);
        } else if (allAsleep() && !machine.skipToNextTimer()) {
            finish(RunResult.Outcome.DEADLOCK);
        }
        return steps;
    }

    /**
     * Called by Java code running on {@code hart}'s behalf (the kernel) where another hart may run: hands the
     * baton to the schedule's choice of hart (possibly {@code hart} itself) and returns when it is this hart's turn.
     */
    @Override
    public void yieldPoint(Hart hart) {
        if (outsideRun(hart)) {
            return;
        }
        int me = hart.id();
        kernelPassBaton(me, completingWork ? nextCompleting(me) : schedule.atYieldPoint(me));
    }

    /**
     * Busy in slices the schedule sizes as it sizes guest code's, handing the baton on after each as after a
     * slice, so the other harts' instructions interleave with the kernel work (a kernel wait's rounds count as
     * such slices too). While suspended work is being completed the rest is charged at once, no run going on.
     */
    @Override
    public void spend(Hart hart, long cycles) {
        boolean outside = outsideRun(hart);
        long left = cycles;
        while (left > 0) {
            long chunk = completingWork || outside ? left : Math.min(left, schedule.sliceBudget(hart.id()));
            hart.spendKernelCycles(chunk);
            machine.retired(chunk);
            machine.prepareSlice(hart);
            left -= chunk;
            if (outside) {
                return;
            }
            // While completing, the others completing take their turn too: this may be a lock spin's round, and
            // the holder is one of them.
            kernelPassBaton(hart.id(), completingWork ? nextCompleting(hart.id())
                    : schedule.afterSlice(hart.id(), (int) chunk));
        }
    }

    /**
     * True when kernel code runs for {@code hart} on a thread that is not the hart's own between runs: a process
     * spawned from the shell, a debugger's single step. It has no baton to pass; its work is charged at once.
     */
    private boolean outsideRun(Hart hart) {
        return threads == null || Thread.currentThread() != threads[hart.id()];
    }

    /**
     * The slices of the harts the schedule picks from {@code next} on that would sleep through them, taken here
     * without switching to their threads (a switch costs more than such a slice; a single-threaded guest on four
     * harts spent a third of its time on them): each draws its budget and ends with 0 steps, in the order
     * {@link #runSlice} and {@link #hartLoop} would draw them, so the schedule, and the run, are the same. Returns
     * the first hart that may run, or {@code me}, or one whose empty slice would do more than end (the run is
     * over, or every hart sleeps: its own thread handles that).
     */
    private int skipIdle(int me, int next) {
        while (next != me && machine.endCondition(executed, maxInstructions) == null) {
            Hart h = harts.get(next);
            machine.prepareSlice(h);
            // Every hart asleep needs this one asleep too: while it runs, no look at all of them (each with its
            // timers and IPIs brought up to date, as the next look at each does anyway) is needed.
            if (!h.idleThroughSlice() || (harts.get(me).asleep() && allAsleep())) {
                return next;
            }
            schedule.sliceBudget(next);
            next = schedule.afterSlice(next, 0);
        }
        return next;
    }

    /** How many times a hart passed the baton to {@code hart}'s thread so far, over every run; read between runs. */
    public long handoffsTo(int hart) {
        return handoffs == null ? 0 : handoffs[hart];
    }

    private void passBaton(int me, int chosen) {
        int next = skipIdle(me, chosen);
        if (next == me) {
            return;
        }
        handoffs[next]++;
        current = next;
        LockSupport.unpark(threads[next]);
        awaitTurn(me);
    }

    private void awaitTurn(int me) {
        while (current != me && !finished) {
            LockSupport.park(this);
        }
    }

    /**
     * {@link #passBaton} from inside kernel work, which cannot simply leave when the run ends: the thread then
     * suspends until the next run (or a completion) gives it the baton again.
     */
    private void kernelPassBaton(int me, int chosen) {
        int next = completingWork ? chosen : skipIdle(me, chosen);
        if (next != me) {
            handoffs[next]++;
            current = next;
            LockSupport.unpark(threads[next]);
        }
        while (true) {
            if (finished && !completingWork) {
                suspend(me); // also when the schedule chose this hart again: the run is over
            } else if (current == me) {
                return;
            } else {
                LockSupport.park(this);
            }
        }
    }

    /** The run ended while this hart was in kernel work: parks it, offline, until a run or completion resumes it. */
    private synchronized void suspend(int me) {
        if (!finished || completingWork) {
            return; // a new run or a completion began meanwhile: just wait for the baton
        }
        suspended[me] = true;
        harts.get(me).setOnline(false);
        if (active.decrementAndGet() == 0) {
            LockSupport.unpark(driver);
        }
        while (suspended[me]) {
            try {
                wait();
            } catch (InterruptedException e) {
                // hart threads are not interrupted; go on waiting
            }
        }
    }

    private void finish(RunResult.Outcome end) {
        outcome = end;
        finished = true;
        for (Thread t : threads) {
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    /** True if no hart can run even after delivering whatever is due to it. */
    private boolean allAsleep() {
        for (Hart h : harts) {
            machine.prepareSlice(h);
            if (!h.asleep()) {
                return false;
            }
        }
        return true;
    }
}
