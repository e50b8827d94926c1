package org.hartlab.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * PCT keeps its promise on two-thread toy races: a bug of depth d among n threads and k steps shows up on at
 * least a fraction 1/(n·k^(d−1)) of the seeds. Each toy thread is a list of steps run through the schedule
 * exactly as the engine would (a step retires instructions; a finished thread sleeps), over seeds 1..N, so the
 * counts are exact and repeatable. The margin below the promised mean is four binomial standard deviations,
 * so a schedule that kept the promise fails this test with a chance under 1 in 10,000 per seed range; one
 * that broke it (say, never demoting at change points) finds these bugs on no seed at all.
 */
class PctToyRaceTest {
    private static final int STEPS_PER_THREAD = 5;
    private static final int K = 2 * STEPS_PER_THREAD;

    /** Shared state of one toy run: x, and what thread 1 read at its steps 1 and 2. */
    private static final class Toy {
        long x;
        long firstRead = -1;
        long secondRead = -1;
    }

    /** Thread 0 writes x = 1 at its step 2, x = 2 at step 3; thread 1 reads x at its steps 1 and 2. */
    private static void step(Toy toy, int thread, int step) {
        if (thread == 0) {
            if (step == 2) {
                toy.x = 1;
            } else if (step == 3) {
                toy.x = 2;
            }
        } else if (step == 1) {
            toy.firstRead = toy.x;
        } else if (step == 2) {
            toy.secondRead = toy.x;
        }
    }

    private static Toy run(long seed, int depth) {
        Schedule s = new ScheduleSpec(ScheduleSpec.Kind.PCT, depth, K).create(seed, 2, 1000);
        Toy toy = new Toy();
        int[] done = new int[2];
        int hart = s.first();
        for (int guard = 0; done[0] + done[1] < K; guard++) {
            assertThat(guard).as("seed " + seed + " livelocks").isLessThan(10 * K);
            if (done[hart] == STEPS_PER_THREAD) {
                hart = s.afterSlice(hart, 0);
            } else {
                step(toy, hart, ++done[hart]);
                hart = s.afterSlice(hart, 1);
            }
        }
        return toy;
    }

    private static void assertFoundAtLeastAsOftenAsPromised(int found, int seeds, double bound) {
        double mean = seeds * bound;
        double margin = 4 * Math.sqrt(seeds * bound * (1 - bound));
        assertThat((double) found).as("%d of %d seeds (promised at least %.4f of them)", found, seeds, bound)
                .isGreaterThanOrEqualTo(mean - margin);
    }

    /** Depth 2: thread 1 must read x between thread 0's two writes (one preemption of thread 0, after step 2). */
    @Test
    void depthTwoRaceIsFoundWithTheProbabilityPctPromises() {
        int seeds = 4000;
        int found = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            if (run(seed, 2).firstRead == 1) {
                found++;
            }
        }
        assertFoundAtLeastAsOftenAsPromised(found, seeds, 1.0 / (2.0 * K));
    }

    /** Depth 3: thread 1 must read 1 and then 2, cow-race's "x changed under the lock" in miniature. */
    @Test
    void depthThreeRaceIsFoundWithTheProbabilityPctPromises() {
        int seeds = 20_000;
        int found = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            Toy toy = run(seed, 3);
            if (toy.firstRead == 1 && toy.secondRead == 2) {
                found++;
            }
        }
        assertFoundAtLeastAsOftenAsPromised(found, seeds, 1.0 / (2.0 * K * K));
    }

    /** Without change points (depth 1) priorities alone never split thread 0's writes: the bugs need them. */
    @Test
    void withoutChangePointsNeitherRaceIsFound() {
        for (long seed = 1; seed <= 500; seed++) {
            Toy toy = run(seed, 1);
            assertThat(toy.firstRead).as("seed " + seed).isIn(0L, 2L);
        }
    }
}
