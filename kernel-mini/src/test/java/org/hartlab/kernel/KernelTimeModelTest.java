package org.hartlab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.util.List;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.RunResult;
import org.hartlab.core.aclint.IpiDelay;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.vm.CowStrategy;
import org.junit.jupiter.api.Test;

/** Kernel work takes guest time: the trapping hart is busy, the clock moves, the other harts run meanwhile. */
class KernelTimeModelTest {
    private static final long LIMIT = 2_000_000_000L;

    private record Outcome(RunResult result, long kernelCycles, long instret, long clock) {
    }

    private static Outcome run(String costs, String delay, String... argv) throws Exception {
        Machine machine = new Machine(MachineConfig.defaults().withHarts(4).withSeed(3)
                .withIpiDelay(IpiDelay.parse(delay)), OutputStream.nullOutputStream());
        Kernel kernel = Kernel.boot(machine, CowStrategy.NAIVE, KernelCosts.parse(costs));
        kernel.spawn(Programs.load(argv[0]), List.of(argv), List.of("HARTLAB_SEED=3")); // as hartlab run does
        RunResult r = kernel.run(LIMIT);
        long cycles = machine.harts().stream().mapToLong(Hart::kernelCycles).sum();
        long instret = machine.harts().stream().mapToLong(Hart::instret).sum();
        return new Outcome(r, cycles, instret, machine.clock().now());
    }

    /** The instructions retired (`--stats`) at commit 0afa020, before kernel work took guest time (naive, seed 3, 4 harts). */
    @Test
    void zeroCostsGiveTheFreeKernelsInstructionCountsExactly() throws Exception {
        Outcome fork = run("zero", "0..200", "fork-test");
        assertThat(fork.instret()).isEqualTo(322);
        assertThat(run("zero", "0..200", "fork-tree").instret()).isEqualTo(2_424);
        Outcome race = run("zero", "0..200", "cow-race", "200");
        assertThat(race.instret()).isEqualTo(6_840_752);
        assertThat(race.result().exitCode()).as("exit 1: violations were found, as then").isEqualTo(1 << 8);
        assertThat(race.kernelCycles()).isZero();
    }

    @Test
    void realisticCostsKeepHartsBusyInTheKernelAndMoveTheClock() throws Exception {
        Outcome o = run("realistic", KernelCosts.IPI_DELAY, "threads-test");
        assertThat(o.result().outcome()).isEqualTo(RunResult.Outcome.EXITED);
        assertThat(o.result().exitCode()).isZero();
        assertThat(o.kernelCycles()).isPositive();
        assertThat(o.clock()).as("mtime counts kernel cycles as well as instructions")
                .isGreaterThanOrEqualTo((o.instret() + o.kernelCycles()) / 4);
    }

    @Test
    void eachForkIsChargedForEveryMappingOfTheParent() throws Exception {
        long perFork = run("zero,fork=1000", "0..200", "fork-test").kernelCycles();
        long perMapping = run("zero,fork-mapping=1000", "0..200", "fork-test").kernelCycles();
        assertThat(perFork).as("fork-test forks").isPositive();
        assertThat(perFork % 1000).isZero();
        assertThat(perMapping).as("several mappings per fork: text, data, stack, ...")
                .isGreaterThanOrEqualTo(2 * perFork);
        assertThat(perMapping % 1000).isZero();
    }

    @Test
    void theSameSeedAndCostsReplayTheSameRun() throws Exception {
        Outcome a = run("realistic", KernelCosts.IPI_DELAY, "cow-race", "30");
        Outcome b = run("realistic", KernelCosts.IPI_DELAY, "cow-race", "30");
        assertThat(b).isEqualTo(a);
    }
}
