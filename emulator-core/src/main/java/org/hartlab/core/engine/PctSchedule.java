package org.hartlab.core.engine;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * PCT, the probabilistic concurrency testing scheduler of Burckhardt, Kothari, Musuvathi and Nagarakatte ("A
 * Randomized Scheduler with Probabilistic Guarantees of Finding Bugs", ASPLOS 2010), adapted to harts that spin.
 *
 * <p>The harts get distinct random priorities; d − 1 change points are drawn uniformly (and distinct) from the
 * steps 1..k. At every scheduling point the enabled hart of highest priority runs; when the hart that took step
 * number {@code c} is at a change point, its priority drops below every other. For a program of n harts and at
 * most k steps, the paper proves any bug of depth d (d ordering constraints between steps) is found with
 * probability at least 1/(n·k^(d−1)).
 *
 * <p>What a step is here: a slice of at most quantum / {@value #STEP_DIVISOR} instructions that retired at least
 * one (a slice ends early where a timer or IPI falls due, at a WFI or a change of interrupt enables). Change
 * points fall only between slices. Ending a slice at each AMO, LR/SC or fence would need a test in the hart's
 * execution paths (interpreter and translated code), which this schedule does not own; so a guest race closer
 * than one step is found only as far as step ends happen to split it.
 *
 * <p>Spinning, where PCT's fixed priorities would starve the hart being waited for:
 * <ul>
 *   <li>Every kernel yield point is a wait (spin lock, shootdown acknowledgements, busy page), and a hart whose
 *       slice retired nothing sleeps in WFI: both are <em>not enabled</em>, keeping their priority, until some
 *       hart makes progress (a step), which may have released what they wait for. Their polls are not steps.
 *       When no hart is enabled, all are again (a sleeper may have an interrupt due; waiters may wait for each
 *       other's polls, as shootdown targets spinning on the kernel lock do).</li>
 *   <li>A guest spin loop is invisible: it just retires instructions. So a hart that takes {@link #RUN_LIMIT}
 *       steps in a row is demoted below every other, as at a change point. That is not PCT: the paper's bound
 *       holds only for a bug whose witnessing PCT schedule has no hart run {@code RUN_LIMIT} steps in a row
 *       before the bug's last constraint, i.e. before the first such demotion fires; beyond that the run is a
 *       seeded rotation between harts, still replayable but with no promised probability.</li>
 * </ul>
 */
final class PctSchedule implements Schedule {
    /**
     * Steps one hart may take in a row before it is demoted: a few hundred instructions, enough for a short
     * critical section, little enough that a spinner soon hands over. Measured on cow-race (naive, seeds 1..10,
     * 200 iterations): 2 gave 53 violations, 3 gave 132, 1000-instruction steps with 4 gave none.
     */
    static final int RUN_LIMIT = 3;
    /** A step is a tenth of the uniform schedule's mean slice: short steps put switch points close together. */
    static final int STEP_DIVISOR = 10;

    /** Instructions in a step. */
    private final int stepLength;
    /** Higher runs first; initially a permutation of 1..n, every demotion takes a new lowest value. */
    private final long[] priority;
    private final long[] changePoints;
    private final boolean[] disabled;
    private long lowest = 1;
    private int nextChange;
    /** Steps taken so far. */
    private long taken;
    private int disabledCount;
    /** The hart that took the last step, and how many steps in a row it has taken. */
    private int runner = -1;
    private int run;

    PctSchedule(long seed, int harts, int quantum, int depth, long steps) {
        SplittableRandom random = new SplittableRandom(seed);
        this.stepLength = Math.max(1, quantum / STEP_DIVISOR);
        this.priority = new long[harts];
        this.disabled = new boolean[harts];
        for (int h = 0; h < harts; h++) {
            priority[h] = h + 1;
        }
        for (int h = harts - 1; h > 0; h--) { // Fisher–Yates: every order of the harts equally likely
            int other = random.nextInt(h + 1);
            long t = priority[h];
            priority[h] = priority[other];
            priority[other] = t;
        }
        this.changePoints = distinctSteps(random, depth - 1, steps);
    }

    /** {@code count} distinct steps drawn uniformly from 1..k, in order. */
    private static long[] distinctSteps(SplittableRandom random, int count, long k) {
        long[] points = new long[count];
        int drawn = 0;
        while (drawn < count) {
            long c = 1 + random.nextLong(k);
            if (Arrays.stream(points, 0, drawn).noneMatch(p -> p == c)) {
                points[drawn++] = c;
            }
        }
        Arrays.sort(points);
        return points;
    }

    @Override
    public int first() {
        return choose();
    }

    @Override
    public int sliceBudget(int hart) {
        return stepLength;
    }

    @Override
    public int afterSlice(int hart, int steps) {
        if (steps == 0) {
            disable(hart);
            return choose();
        }
        Arrays.fill(disabled, false);
        disabledCount = 0;
        taken++;
        run = hart == runner ? run + 1 : 1;
        runner = hart;
        boolean changePoint = nextChange < changePoints.length && changePoints[nextChange] == taken;
        if (changePoint) {
            nextChange++;
        }
        if (changePoint || run >= RUN_LIMIT) {
            priority[hart] = --lowest;
            runner = -1;
        }
        return choose();
    }

    @Override
    public int atYieldPoint(int hart) {
        disable(hart);
        return choose();
    }

    /** The hart's priority, for tests: higher runs first. */
    long priority(int hart) {
        return priority[hart];
    }

    /** The steps at which a change point falls, in order, for tests. */
    long[] changePoints() {
        return changePoints.clone();
    }

    private void disable(int hart) {
        if (!disabled[hart]) {
            disabled[hart] = true;
            disabledCount++;
        }
    }

    /** The enabled hart of highest priority; every hart is enabled again when none was. */
    private int choose() {
        if (disabledCount == priority.length) {
            Arrays.fill(disabled, false);
            disabledCount = 0;
        }
        int best = -1;
        for (int h = 0; h < priority.length; h++) {
            if (!disabled[h] && (best < 0 || priority[h] > priority[best])) {
                best = h;
            }
        }
        return best;
    }
}
