package org.hartlab.tools.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hartlab.core.RunResult;
import org.hartlab.core.aclint.IpiDelay;
import org.hartlab.core.engine.Engine;
import org.hartlab.core.engine.ScheduleSpec;
import org.hartlab.kernel.KernelCosts;
import org.hartlab.kernel.KernelStats;
import org.hartlab.kernel.vm.CowStrategy;
import org.junit.jupiter.api.Test;

/** The small parts of stress: seed ranges, workloads, what violates, the replay command, the sums and the table. */
class StressPartsTest {
    private static SeedResult result(CowStrategy s, long seed, long violations, long faults, long zeroFills, long cow,
                                     long ticks) {
        KernelStats stats = new KernelStats(faults, zeroFills, cow, 0, 1, 0, 3, 4, 0, 1000, ticks, 0, 0);
        return new SeedResult(s, seed, RunResult.Outcome.EXITED, violations > 0 ? 1 : 0, violations, stats, null);
    }

    @Test
    void seedRangeIsInclusiveAndASingleSeedIsARange() {
        assertThat(SeedRange.parse("3..7").count()).isEqualTo(5);
        assertThat(SeedRange.parse("9")).isEqualTo(new SeedRange(9, 9));
        assertThatThrownBy(() -> SeedRange.parse("1..")).hasMessage("--seeds must be A..B or N, got '1..'");
        assertThatThrownBy(() -> SeedRange.parse("0..1000000")).hasMessageContaining("at most 1000000 seeds");
    }

    @Test
    void sizedBundledProgramsTakeTheirArgumentsFromTheSizeOptions() {
        assertThat(Workload.of("cow-race", List.of(), null, null).argv()).containsExactly("cow-race", "200");
        assertThat(Workload.of("cow-cost", List.of(), 20, null).argv()).containsExactly("cow-cost", "16", "20");
        assertThat(Workload.of("litmus-spin", List.of(), null, null).argv()).containsExactly("litmus-spin");
        assertThat(Workload.of("litmus-futex", List.of(), 50, null).argv()).containsExactly("litmus-futex", "50");
        assertThat(Workload.of("cow-race", List.of("7"), null, null).argv()).containsExactly("cow-race", "7");
        assertThat(Workload.of("/tmp/my.elf", List.of("-v", "a b"), null, null).argv())
                .containsExactly("/tmp/my.elf", "-v", "a b");
    }

    @Test
    void sizeOptionsAreRefusedWhereTheyDoNotApply() {
        assertThatThrownBy(() -> Workload.of("hello", List.of(), 5, null)).hasMessage(
                "--iterations sizes cow-race, cow-cost, litmus-spin and litmus-futex only: pass hello's own arguments after it");
        assertThatThrownBy(() -> Workload.of("cow-race", List.of(), null, 4))
                .hasMessage("--pages sizes cow-cost only, not cow-race");
        assertThatThrownBy(() -> Workload.of("cow-race", List.of("9"), 5, null))
                .hasMessage("give cow-race either ARGS or --iterations/--pages, not both");
    }

    @Test
    void aSeedViolatesByItsMarksOrElseOnceByANonZeroExit() {
        KernelStats marked = new KernelStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 3);
        KernelStats clean = new KernelStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0);
        RunResult exit1 = new RunResult(RunResult.Outcome.EXITED, 1 << 8, 10, 0, 0);
        RunResult killed = new RunResult(RunResult.Outcome.EXITED, 11, 10, 0, 0);
        RunResult exit0 = new RunResult(RunResult.Outcome.EXITED, 0, 10, 0, 0);
        assertThat(SeedResult.of(CowStrategy.NAIVE, 1, exit1, marked, null).violations()).isEqualTo(3);
        assertThat(SeedResult.of(CowStrategy.NAIVE, 1, exit1, clean, null).violations()).isEqualTo(1);
        assertThat(SeedResult.of(CowStrategy.NAIVE, 1, killed, clean, null).exitCode()).isEqualTo(139);
        assertThat(SeedResult.of(CowStrategy.NAIVE, 1, killed, clean, null).violated()).isTrue();
        assertThat(SeedResult.of(CowStrategy.NAIVE, 1, exit0, clean, null).violated()).isFalse();
        assertThat(SeedResult.of(CowStrategy.NAIVE, 1, exit0, marked, null).violations()).isEqualTo(3);
    }

    @Test
    void replayCommandIsTheRunCommandOfThatSeed() {
        StressPlan plan = new StressPlan(Workload.of("cow-cost", List.of(), 30, 8), 2, Engine.Kind.DETERMINISTIC,
                IpiDelay.parse("5"), ScheduleSpec.UNIFORM, KernelCosts.REALISTIC,
                StressPlan.RUN_DEFAULT_MAX_INSTRUCTIONS, false);
        assertThat(plan.replayCommand(CowStrategy.TWO_STAGE, 42))
                .isEqualTo("./hartlab run --strategy two-stage --seed 42 --harts 2 --ipi-delay 5 cow-cost 8 30");
        StressPlan checked = new StressPlan(Workload.of("cow-race", List.of(), 30, null), 8,
                Engine.Kind.DETERMINISTIC, IpiDelay.parse("5"), ScheduleSpec.UNIFORM, KernelCosts.REALISTIC,
                StressPlan.RUN_DEFAULT_MAX_INSTRUCTIONS, true);
        assertThat(checked.replayCommand(CowStrategy.NAIVE, 7)).isEqualTo(
                "./hartlab run --strategy naive --seed 7 --harts 8 --ipi-delay 5 --check-invariants cow-race 30");
        StressPlan path = new StressPlan(Workload.of("my dir/x.elf", List.of("-n", "it's"), null, null), 4,
                Engine.Kind.DETERMINISTIC, IpiDelay.parse("0..200"), ScheduleSpec.UNIFORM, KernelCosts.REALISTIC, 1000, false);
        assertThat(path.replayCommand(CowStrategy.BREAK_BEFORE_MAKE, 3)).isEqualTo("./hartlab run --strategy bbm "
                + "--seed 3 --harts 4 --ipi-delay 0..200 --max-instructions 1000 -- 'my dir/x.elf' -n 'it'\\''s'");
    }

    @Test
    void summarySumsOneStrategyAndRemembersItsFirstViolatingSeed() {
        List<SeedResult> results = List.of(result(CowStrategy.NAIVE, 1, 0, 12, 2, 5, 100),
                result(CowStrategy.NAIVE, 2, 3, 12, 2, 5, 300), result(CowStrategy.NAIVE, 3, 1, 12, 2, 5, 100),
                result(CowStrategy.TWO_STAGE, 1, 0, 22, 2, 10, 0));
        StrategySummary naive = StrategySummary.of(CowStrategy.NAIVE, results);
        assertThat(naive.seeds()).isEqualTo(3);
        assertThat(naive.violatingSeeds()).isEqualTo(2);
        assertThat(naive.violations()).isEqualTo(4);
        assertThat(naive.firstViolating().seed()).isEqualTo(2);
        assertThat(naive.faultsPerCow()).isEqualTo(2.0);
        assertThat(naive.cyclesPerCow()).isEqualTo(500.0 / 15);
    }

    @Test
    void tableAlignsOneRowPerStrategyUnderItsHeaders() {
        String table = StressTable.render(List.of(StrategySummary.of(CowStrategy.BREAK_BEFORE_MAKE,
                List.of(result(CowStrategy.BREAK_BEFORE_MAKE, 1, 0, 12, 2, 10, 250)))));
        String[] lines = table.split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("strategy  seeds  violating seeds");
        assertThat(lines[2].split("\\s{2,}")).containsExactly("bbm", "1", "0 (0%)", "0", "10", "1", "4", "3", "1.00", "25.0");
        assertThat(lines[0]).hasSameSizeAs(lines[2]);
    }
}
