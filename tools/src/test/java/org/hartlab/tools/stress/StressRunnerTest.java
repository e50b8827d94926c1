package org.hartlab.tools.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.hartlab.core.aclint.IpiDelay;
import org.hartlab.core.engine.Engine;
import org.hartlab.core.engine.ScheduleSpec;
import org.hartlab.kernel.KernelCosts;
import org.hartlab.kernel.Programs;
import org.hartlab.kernel.vm.CowStrategy;
import org.junit.jupiter.api.Test;

/** The runner: one machine per seed, results in seed order and independent of the number of jobs. */
class StressRunnerTest {
    private static final StressPlan PLAN = new StressPlan(Workload.of("cow-race", List.of(), 100, null), 4,
            Engine.Kind.DETERMINISTIC, IpiDelay.parse("0..200"), ScheduleSpec.UNIFORM, KernelCosts.REALISTIC,
            1_000_000_000L, true);

    private static List<SeedResult> run(int jobs) throws Exception {
        List<CowStrategy> strategies = List.of(CowStrategy.NAIVE, CowStrategy.BREAK_BEFORE_MAKE);
        return new StressRunner(PLAN, Programs.load("cow-race"), strategies, new SeedRange(1, 3), jobs, false,
                null, Progress.NONE).run();
    }

    @Test
    void resultsDoNotDependOnTheNumberOfJobs() throws Exception {
        List<SeedResult> one = run(1);
        List<SeedResult> two = run(2);
        assertThat(two).isEqualTo(one);
        assertThat(one).extracting(SeedResult::strategy, SeedResult::seed).containsExactly(
                tuple(CowStrategy.NAIVE, 1L), tuple(CowStrategy.NAIVE, 2L), tuple(CowStrategy.NAIVE, 3L),
                tuple(CowStrategy.BREAK_BEFORE_MAKE, 1L), tuple(CowStrategy.BREAK_BEFORE_MAKE, 2L),
                tuple(CowStrategy.BREAK_BEFORE_MAKE, 3L));
        assertThat(one).allSatisfy(r -> {
            assertThat(r.problem()).as("no problem, invariants included").isNull();
            // cow-race exits 0 only after all 100 iterations with no increment lost; under bbm nothing else
            assertThat(r.exitCode()).isIn(r.strategy() == CowStrategy.NAIVE ? List.of(0, 1, 2) : List.of(0));
            assertThat(r.stats().cowCopies()).isPositive();
        });
    }
}
