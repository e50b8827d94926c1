package org.hartlab.tools.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hartlab.core.RunResult;
import org.hartlab.core.aclint.IpiDelay;
import org.hartlab.core.engine.Engine;
import org.hartlab.kernel.KernelStats;
import org.hartlab.kernel.vm.CowStrategy;
import org.junit.jupiter.api.Test;

/** The small parts of stress: seed ranges, workloads, the replay command, the sums and the table. */
class StressPartsTest {
    private static SeedResult result(CowStrategy s, long seed, long violations, long faults, long zeroFills, long cow,
                                     long ticks) {
        KernelStats stats = new KernelStats(faults, zeroFills, cow, 0, 1, 0, 3, 4, 0, 1000, ticks, 0, 0);
        return new SeedResult(s, seed, RunResult.Outcome.EXITED, violations > 0 ? 1 : 0, 10, violations, stats, null);
    }

    @Test
    void seedRangeIsInclusiveAndASingleSeedIsARange() {
        assertThat(SeedRange.parse("3..7").count()).isEqualTo(5);
        assertThat(SeedRange.parse("9")).isEqualTo(new SeedRange(9, 9));
        assertThatThrownBy(() -> SeedRange.parse("1..")).hasMessage("--seeds must be A..B or N, got '1..'");
        assertThatThrownBy(() -> SeedRange.parse("0..1000000")).hasMessageContaining("at most 1000000 seeds");
    }

    @Test
    void workloadsReadTheirResultLines() {
        assertThat(Workload.COW_RACE.parse("iterations=200 violations=4\nx=200 expected=200\n", 200))
                .isEqualTo(new Workload.Report(200, 4));
        assertThat(Workload.COW_COST.parse("cow-writes=320\n", 20)).isEqualTo(new Workload.Report(20, 0));
        assertThat(Workload.COW_RACE.parse("[hartlab] pid 1 (cow-race): segmentation fault", 200)).isNull();
    }

    @Test
    void onlyNaiveMayLoseAnIncrement() {
        Workload.Report clean = new Workload.Report(200, 0);
        assertThat(Workload.COW_RACE.expectedExit(2, CowStrategy.NAIVE, clean)).isTrue();
        assertThat(Workload.COW_RACE.expectedExit(2, CowStrategy.TWO_STAGE, clean)).isFalse();
        assertThat(Workload.COW_RACE.expectedExit(1, CowStrategy.BREAK_BEFORE_MAKE, new Workload.Report(200, 3))).isTrue();
    }

    @Test
    void replayCommandIsTheRunCommandOfThatSeed() {
        StressPlan plan = new StressPlan(Workload.COW_COST, 2, Engine.Kind.DETERMINISTIC, IpiDelay.parse("5"), 30, 8,
                StressPlan.RUN_DEFAULT_MAX_INSTRUCTIONS, false);
        assertThat(plan.replayCommand(CowStrategy.TWO_STAGE, 42))
                .isEqualTo("./hartlab run --strategy two-stage --seed 42 --harts 2 --ipi-delay 5 cow-cost 8 30");
        StressPlan checked = new StressPlan(Workload.COW_RACE, 8, Engine.Kind.DETERMINISTIC, IpiDelay.parse("5"), 30,
                8, StressPlan.RUN_DEFAULT_MAX_INSTRUCTIONS, true);
        assertThat(checked.replayCommand(CowStrategy.NAIVE, 7)).isEqualTo(
                "./hartlab run --strategy naive --seed 7 --harts 8 --ipi-delay 5 --check-invariants cow-race 30");
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
