package org.hartlab.core.engine;

import java.util.List;
import java.util.SplittableRandom;
import org.hartlab.core.Machine;
import org.hartlab.core.RunResult;
import org.hartlab.core.hart.Hart;

/**
 * Runs one hart at a time, in a seeded order with seeded quanta, on the calling thread. The same machine,
 * program and seed give the same interleaving, instruction for instruction.
 */
public final class DeterministicEngine {
    private final SplittableRandom random;
    private final int quantum;

    public DeterministicEngine(long seed, int quantum) {
        this.random = new SplittableRandom(seed);
        this.quantum = quantum;
    }

    public RunResult run(Machine machine, long maxInstructions) {
        List<Hart> harts = machine.harts();
        long executed = 0;
        Hart last = harts.getFirst();
        while (true) {
            if (machine.exitRequested()) {
                return result(RunResult.Outcome.EXITED, machine, executed, last);
            }
            if (machine.stopRequested()) {
                return result(RunResult.Outcome.STOPPED, machine, executed, last);
            }
            if (executed >= maxInstructions) {
                return result(RunResult.Outcome.INSTRUCTION_LIMIT, machine, executed, last);
            }
            Hart hart = harts.get(harts.size() == 1 ? 0 : random.nextInt(harts.size()));
            int slice = (int) Math.min(maxInstructions - executed, 1 + random.nextInt(2 * quantum));
            int steps = hart.run(slice);
            if (steps > 0) {
                last = hart;
                executed += steps;
                machine.advanceTime(steps);
            } else if (harts.stream().allMatch(Hart::isWaitingForInterrupt)) {
                return result(RunResult.Outcome.DEADLOCK, machine, executed, last);
            }
        }
    }

    private static RunResult result(RunResult.Outcome outcome, Machine m, long executed, Hart last) {
        return new RunResult(outcome, m.exitCode(), executed, last.pc(), last.id());
    }
}
