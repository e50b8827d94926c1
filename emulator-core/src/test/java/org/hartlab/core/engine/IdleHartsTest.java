package org.hartlab.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.RunResult;
import org.hartlab.core.aclint.IpiDelay;
import org.hartlab.core.elf.ElfReader;
import org.junit.jupiter.api.Test;

/**
 * Harts asleep in WFI with nothing pending are passed over without a switch to their threads: msip-pingpong parks
 * harts 2 and 3 for good at once while harts 0 and 1 interrupt each other 200 times. The schedule still draws their
 * empty slices (DeterminismTest's recorded digests check that the run is the same).
 */
class IdleHartsTest {
    @Test
    void parkedHartsGetNoSwitchesWhileTheOthersRun() throws Exception {
        MachineConfig config = MachineConfig.defaults().withHarts(4).withSeed(9).withQuantum(50)
                .withIpiDelay(new IpiDelay(0, 100));
        Machine machine = new Machine(config, OutputStream.nullOutputStream());
        try (InputStream in = IdleHartsTest.class.getResourceAsStream("/smp/msip-pingpong.elf")) {
            machine.load(ElfReader.read("msip-pingpong", in.readAllBytes()));
        }
        DeterministicEngine engine = new DeterministicEngine(config.schedule().create(9, 4, 50));
        RunResult result = engine.run(machine, 50_000_000);
        assertThat(result.outcome()).isEqualTo(RunResult.Outcome.EXITED);
        assertThat(result.exitCode()).isZero();
        assertThat(engine.handoffsTo(0) + engine.handoffsTo(1)).as("the two working harts take turns")
                .isGreaterThan(100);
        // Each parked hart runs until its WFI once: at most a few switches, where every fourth pick is it.
        assertThat(engine.handoffsTo(2)).isLessThanOrEqualTo(3);
        assertThat(engine.handoffsTo(3)).isLessThanOrEqualTo(3);
    }
}
