package org.hartlab.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** PCT's rules one by one: priorities, change points, waits and sleeps, the run limit. */
class PctScheduleTest {
    private static PctSchedule pct(long seed, int harts, int depth, long steps) {
        return (PctSchedule) new ScheduleSpec(ScheduleSpec.Kind.PCT, depth, steps).create(seed, harts, 1000);
    }

    /** Harts from highest to lowest priority. */
    private static int[] byPriority(PctSchedule s, int harts) {
        return IntStream.range(0, harts).boxed().sorted((a, b) -> Long.compare(s.priority(b), s.priority(a)))
                .mapToInt(Integer::intValue).toArray();
    }

    @Test
    void prioritiesAreDistinctAndTheHighestRunsFirst() {
        for (long seed = 1; seed <= 50; seed++) {
            PctSchedule s = pct(seed, 4, 1, 100);
            assertThat(IntStream.range(0, 4).mapToLong(s::priority).distinct().count()).isEqualTo(4);
            assertThat(s.first()).isEqualTo(byPriority(s, 4)[0]);
        }
    }

    @Test
    void everyOrderOfHartsComesUpAcrossSeeds() {
        long orders = IntStream.rangeClosed(1, 400).mapToObj(seed -> Arrays.toString(byPriority(pct(seed, 3, 1, 9), 3)))
                .distinct().count();
        assertThat(orders).isEqualTo(6);
    }

    @Test
    void changePointsAreDistinctStepsWithinK() {
        for (long seed = 1; seed <= 200; seed++) {
            long[] points = pct(seed, 2, 4, 5).changePoints();
            assertThat(points).hasSize(3).doesNotHaveDuplicates().isSorted();
            assertThat(Arrays.stream(points).allMatch(p -> p >= 1 && p <= 5)).as(Arrays.toString(points)).isTrue();
        }
        assertThat(pct(1, 2, 4, 3).changePoints()).containsExactly(1, 2, 3);
        assertThat(pct(1, 2, 1, 3).changePoints()).isEmpty();
    }

    @Test
    void theHartTakingAChangePointStepDropsBelowEveryOther() {
        PctSchedule s = pct(3, 3, 2, 2);
        long point = s.changePoints()[0];
        int top = s.first();
        int second = byPriority(s, 3)[1];
        int next = top;
        for (long step = 1; step < point; step++) {
            next = s.afterSlice(next, 10);
            assertThat(next).isEqualTo(top);
        }
        assertThat(s.afterSlice(top, 10)).isEqualTo(second);
        assertThat(byPriority(s, 3)[2]).isEqualTo(top);
    }

    @Test
    void aHartRunningTheRunLimitOfStepsInARowIsDemoted() {
        PctSchedule s = pct(9, 2, 1, 1);
        int top = s.first();
        int other = 1 - top;
        for (int step = 1; step < PctSchedule.RUN_LIMIT; step++) {
            assertThat(s.afterSlice(top, 100)).isEqualTo(top);
        }
        assertThat(s.afterSlice(top, 100)).isEqualTo(other);
        assertThat(s.priority(top)).isLessThan(s.priority(other));
    }

    @Test
    void aWaitingOrSleepingHartIsPassedOverUntilSomeHartProgresses() {
        PctSchedule s = pct(11, 3, 1, 1);
        int[] order = byPriority(s, 3);
        assertThat(s.atYieldPoint(order[0])).isEqualTo(order[1]);
        assertThat(s.afterSlice(order[1], 0)).as("asleep in WFI").isEqualTo(order[2]);
        assertThat(s.afterSlice(order[2], 5)).as("progress: the waiter polls again").isEqualTo(order[0]);
        assertThat(s.priority(order[0])).isGreaterThan(s.priority(order[1]));
    }

    @Test
    void whenEveryHartWaitsTheyAreAllEnabledAgainInPriorityOrder() {
        PctSchedule s = pct(12, 2, 1, 1);
        int[] order = byPriority(s, 2);
        assertThat(s.atYieldPoint(order[0])).isEqualTo(order[1]);
        assertThat(s.atYieldPoint(order[1])).isEqualTo(order[0]);
        assertThat(s.atYieldPoint(order[0])).isEqualTo(order[1]);
    }

    @Test
    void aStepIsATenthOfTheQuantum() {
        assertThat(pct(1, 2, 3, 10).sliceBudget(0)).isEqualTo(100);
        assertThat(ScheduleSpec.PCT.create(1, 2, 5).sliceBudget(1)).isEqualTo(1);
    }

    @Test
    void theSameSeedMakesTheSameChoices() {
        PctSchedule a = pct(21, 4, 3, 30);
        PctSchedule b = pct(21, 4, 3, 30);
        assertThat(b.changePoints()).containsExactly(a.changePoints());
        int ha = a.first();
        int hb = b.first();
        for (int i = 0; i < 200; i++) {
            assertThat(hb).isEqualTo(ha);
            int steps = i % 5 == 0 ? 0 : 7;
            ha = i % 4 == 0 ? a.atYieldPoint(ha) : a.afterSlice(ha, steps);
            hb = i % 4 == 0 ? b.atYieldPoint(hb) : b.afterSlice(hb, steps);
        }
    }
}
