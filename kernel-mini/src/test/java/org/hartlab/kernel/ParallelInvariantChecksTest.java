package org.hartlab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.util.List;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.RunResult;
import org.hartlab.core.engine.Engine;
import org.hartlab.core.engine.ParallelEngine;
import org.hartlab.kernel.vm.CowStrategy;
import org.junit.jupiter.api.Test;

/**
 * Periodic VM invariant checks: at traps under the deterministic engine, and under the parallel engine by
 * {@link Kernel#run} stopping the machine every interval, checking with every hart between slices, and running on
 * to the program's end.
 */
class ParallelInvariantChecksTest {
    /**
     * Far below what cow-race's 20 rounds retire however fast the host (about 3M under the deterministic engine,
     * 100M+ with the parallel engine's real-time spinning on a 2-core host), so some check happens on any host.
     */
    private static final long INTERVAL = 200_000;

    @Test
    void aParallelRunStopsForEachCheckAndStillRunsToTheEnd() throws Exception {
        Machine machine = new Machine(MachineConfig.defaults().withHarts(4).withEngine(Engine.Kind.PARALLEL),
                OutputStream.nullOutputStream());
        Kernel kernel = Kernel.boot(machine, CowStrategy.TWO_STAGE);
        kernel.checkInvariantsEvery(INTERVAL);
        kernel.spawn(Programs.load("cow-race"), List.of("cow-race", "20"), List.of());

        RunResult r = kernel.run(Long.MAX_VALUE / 4);

        assertThat(r.outcome()).isEqualTo(RunResult.Outcome.EXITED);
        assertThat(r.exitCode()).as("cow-race under two-stage: no violation").isZero();
        long checks = kernel.invariantChecksRun();
        assertThat(checks).as("checks made mid-run").isPositive();
        // one check per stop, and a stop after every INTERVAL instructions (each hart may finish its slice)
        long overshoot = (long) machine.harts().size() * ParallelEngine.SLICE;
        assertThat(r.instructions()).as("the whole run's instructions, every stop included")
                .isGreaterThanOrEqualTo(checks * INTERVAL)
                .isLessThanOrEqualTo((checks + 1) * (INTERVAL + overshoot));
        assertThat(kernel.invariantsAfterRun(r.outcome())).isEmpty();
    }

    @Test
    void theDeterministicEngineChecksAtTrapsAsOftenOnEveryRunOfASeed() throws Exception {
        assertThat(deterministicChecks()).as("checks made mid-run").isGreaterThan(3).isEqualTo(deterministicChecks());
    }

    private static long deterministicChecks() throws Exception {
        Machine machine = new Machine(MachineConfig.defaults().withHarts(4).withSeed(7),
                OutputStream.nullOutputStream());
        Kernel kernel = Kernel.boot(machine, CowStrategy.TWO_STAGE);
        kernel.checkInvariantsEvery(200_000);
        kernel.spawn(Programs.load("cow-race"), List.of("cow-race", "60"), List.of());
        RunResult r = kernel.run(Long.MAX_VALUE / 4);
        assertThat(r.outcome()).isEqualTo(RunResult.Outcome.EXITED);
        assertThat(kernel.invariantsAfterRun(r.outcome())).isEmpty();
        return kernel.invariantChecksRun();
    }
}
