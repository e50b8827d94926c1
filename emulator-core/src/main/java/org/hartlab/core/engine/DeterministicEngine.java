package org.hartlab.core.engine;

import java.util.List;
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
 */
public final class DeterministicEngine implements Engine {
    /** Guarded by the baton, like the fields below. */
    private final Schedule schedule;

    private Machine machine;
    private List<Hart> harts;
    private Thread[] threads;
    private long maxInstructions;
    /** Guarded by the baton: only the thread of hart {@code current} touches these. */
    private long executed;
    private Hart last;
    private RunResult.Outcome outcome;
    private volatile int current;
    private volatile boolean finished;

    public DeterministicEngine(Schedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public RunResult run(Machine machine, long maxInstructions) {
        this.machine = machine;
        this.harts = machine.harts();
        this.maxInstructions = maxInstructions;
        this.executed = 0;
        this.last = harts.getFirst();
        this.outcome = null;
        this.finished = false;
        this.threads = new Thread[harts.size()];
        for (Hart h : harts) {
            threads[h.id()] = Thread.ofVirtual().name("hart-" + h.id()).unstarted(() -> hartLoop(h));
        }
        current = schedule.first();
        harts.forEach(h -> h.setOnline(true));
        for (Thread t : threads) {
            t.start();
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(RunResult.Outcome.STOPPED);
        }
        return machine.result(outcome, executed, last);
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
        }
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
        if (!finished) {
            passBaton(hart.id(), schedule.atYieldPoint(hart.id()));
        } else {
            // The run is ending and every hart thread left holding kernel work runs at once; a spinning one must
            // give its carrier to the others (virtual threads have as few carriers as cores), or they never
            // acknowledge the shootdown it waits for.
            Thread.yield();
        }
    }

    /**
     * Busy in slices the schedule sizes as it sizes guest code's, handing the baton on after each as after a
     * slice, so the other harts' instructions interleave with the kernel work (a kernel wait's rounds count as
     * such slices too). Once the run is ending the rest is charged at once: no hart would take the baton.
     */
    @Override
    public void spend(Hart hart, long cycles) {
        long left = cycles;
        while (left > 0) {
            long chunk = finished ? left : Math.min(left, schedule.sliceBudget(hart.id()));
            hart.spendKernelCycles(chunk);
            machine.retired(chunk);
            machine.prepareSlice(hart);
            left -= chunk;
            if (!finished) {
                passBaton(hart.id(), schedule.afterSlice(hart.id(), (int) chunk));
            }
        }
    }

    private void passBaton(int me, int next) {
        if (next == me) {
            return;
        }
        current = next;
        LockSupport.unpark(threads[next]);
        awaitTurn(me);
    }

    private void awaitTurn(int me) {
        while (current != me && !finished) {
            LockSupport.park(this);
        }
    }

    private void finish(RunResult.Outcome end) {
        outcome = end;
        finished = true;
        for (Thread t : threads) {
            LockSupport.unpark(t);
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
