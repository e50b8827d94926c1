package org.hartlab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.RunResult;
import org.hartlab.kernel.vm.CowStrategy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * cow-fork really does fork while a break-before-make fault waits for its shootdown: faults find the map changed
 * and start over (the revalidation at work), and no child sees the parent's later stores.
 */
class CowRevalidationTest {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3})
    void breakBeforeMakeFaultsRestartWhenAForkCameDuringTheirShootdown(int seed) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine machine = new Machine(MachineConfig.defaults().withHarts(4).withSeed(seed), console);
        Kernel kernel = Kernel.boot(machine, CowStrategy.BREAK_BEFORE_MAKE);
        kernel.checkInvariantsEvery(Kernel.INVARIANT_CHECK_INTERVAL);
        kernel.spawn(Programs.load("cow-fork"), List.of("cow-fork"), List.of());

        RunResult r = kernel.run(Long.MAX_VALUE / 4);

        assertThat(r.outcome()).isEqualTo(RunResult.Outcome.EXITED);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("cow-fork children=400 changed=0");
        assertThat(r.exitCode()).isZero();
        assertThat(kernel.vm().faultRestarts()).as("faults that found the map changed").isPositive();
        assertThat(kernel.invariantsAfterRun(r.outcome())).isEmpty();
    }
}
