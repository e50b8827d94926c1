package org.hartlab.core.engine;

import java.util.List;
import java.util.SplittableRandom;
import org.hartlab.core.Machine;
import org.hartlab.core.RunResult;
import org.hartlab.core.hart.Hart;

/**
 * Runs one hart at a time on the calling thread, choosing the next hart and the length of its slice from a
 * seeded generator; slices also end where a timer or an IPI falls due, so interrupts arrive at the same
 * instruction every time. The same machine, program and seed give the same run, instruction for instruction.
 */
public final class DeterministicEngine implements Engine {
    private final SplittableRandom random;
    private final int quantum;

    public DeterministicEngine(long seed, int quantum) {
        this.random = new SplittableRandom(seed);
        this.quantum = quantum;
    }

    @Override
    public RunResult run(Machine machine, long maxInstructions) {
        List<Hart> harts = machine.harts();
        long executed = 0;
        Hart last = harts.getFirst();
        while (true) {
            RunResult.Outcome end = machine.endCondition(executed, maxInstructions);
            if (end != null) {
                return machine.result(end, executed, last);
            }
            Hart hart = harts.get(harts.size() == 1 ? 0 : random.nextInt(harts.size()));
            long budget = Math.min(maxInstructions - executed, 1 + random.nextInt(2 * quantum));
            int steps = hart.run((int) Math.min(budget, machine.prepareSlice(hart)));
            if (hart.stoppedByDebugger()) {
                machine.debugBreak(hart);
            }
            if (steps > 0) {
                last = hart;
                executed += steps;
                machine.retired(steps);
            } else if (allAsleep(machine, harts) && !machine.skipToNextTimer()) {
                return machine.result(RunResult.Outcome.DEADLOCK, executed, last);
            }
        }
    }

    /** True if no hart can run even after delivering whatever is due to it. */
    private static boolean allAsleep(Machine machine, List<Hart> harts) {
        for (Hart h : harts) {
            machine.prepareSlice(h);
            if (!h.isWaitingForInterrupt() || h.hasWakeUpPending()) {
                return false;
            }
        }
        return true;
    }
}
