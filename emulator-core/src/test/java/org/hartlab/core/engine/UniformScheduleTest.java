package org.hartlab.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The uniform schedule draws exactly what the engine drew before schedules existed, in the same order. */
class UniformScheduleTest {
    @Test
    void everyChoiceIsTheNextDrawOfTheSeededGeneratorAsTheEngineMadeIt() {
        Schedule schedule = ScheduleSpec.UNIFORM.create(77, 4, 500);
        SplittableRandom former = new SplittableRandom(77);
        assertThat(schedule.first()).isEqualTo(former.nextInt(4));
        for (int i = 0; i < 1000; i++) {
            assertThat(schedule.sliceBudget(i % 4)).isEqualTo(1 + former.nextInt(1000));
            int next = i % 3 == 0 ? schedule.atYieldPoint(i % 4) : schedule.afterSlice(i % 4, i % 7);
            assertThat(next).isEqualTo(former.nextInt(4));
        }
    }

    @Test
    void aSingleHartDrawsOnlySliceLengths() {
        Schedule schedule = ScheduleSpec.UNIFORM.create(5, 1, 100);
        SplittableRandom former = new SplittableRandom(5);
        assertThat(schedule.first()).isZero();
        for (int i = 0; i < 100; i++) {
            assertThat(schedule.afterSlice(0, 10)).isZero();
            assertThat(schedule.atYieldPoint(0)).isZero();
            assertThat(schedule.sliceBudget(0)).isEqualTo(1 + former.nextInt(200));
        }
    }
}
