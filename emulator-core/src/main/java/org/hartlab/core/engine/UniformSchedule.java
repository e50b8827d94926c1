package org.hartlab.core.engine;

import java.util.SplittableRandom;

/**
 * The first schedule, kept bit for bit so that old seeds replay: every scheduling point picks a hart uniformly
 * at random (itself included), every slice is 1..2·quantum instructions, all drawn from one generator in the
 * order the engine asks.
 */
final class UniformSchedule implements Schedule {
    private final SplittableRandom random;
    private final int harts;
    private final int quantum;

    UniformSchedule(long seed, int harts, int quantum) {
        this.random = new SplittableRandom(seed);
        this.harts = harts;
        this.quantum = quantum;
    }

    @Override
    public int first() {
        return pick();
    }

    @Override
    public int sliceBudget(int hart) {
        return 1 + random.nextInt(2 * quantum);
    }

    @Override
    public int afterSlice(int hart, int steps) {
        return pick();
    }

    @Override
    public int atYieldPoint(int hart) {
        return pick();
    }

    /** A single hart draws nothing, as the engine always did. */
    private int pick() {
        return harts == 1 ? 0 : random.nextInt(harts);
    }
}
