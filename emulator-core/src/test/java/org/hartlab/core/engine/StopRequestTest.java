package org.hartlab.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.RunResult;
import org.hartlab.core.bus.Ram;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A stop request ends the run it was made before or during, and no later one. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StopRequestTest {
    private static final int WFI = 0x1050_0073;
    private static final int JUMP_BACK_ONE = 0xFFDF_F06F; // jal x0, -4

    /** Both harts wait for an interrupt none enables: the run ends in a deadlock. */
    private static Machine waitingForever(Engine.Kind engine) {
        Machine machine = new Machine(MachineConfig.defaults().withHarts(2).withEngine(engine),
                OutputStream.nullOutputStream());
        machine.bus().ram().store32(Ram.BASE, WFI);
        machine.bus().ram().store32(Ram.BASE + 4, JUMP_BACK_ONE);
        machine.harts().forEach(h -> h.setPc(Ram.BASE));
        return machine;
    }

    @ParameterizedTest
    @EnumSource(Engine.Kind.class)
    void aDeadlockLeavesNoStopForTheNextRun(Engine.Kind engine) {
        Machine machine = waitingForever(engine);
        assertThat(machine.run(1_000_000).outcome()).isEqualTo(RunResult.Outcome.DEADLOCK);
        assertThat(machine.stopRequested()).isFalse();
        assertThat(machine.run(1_000_000).outcome()).as("not STOPPED at once").isEqualTo(RunResult.Outcome.DEADLOCK);
    }

    @ParameterizedTest
    @EnumSource(Engine.Kind.class)
    void aStopAskedForBeforeARunEndsThatRunOnly(Engine.Kind engine) {
        Machine machine = waitingForever(engine);
        machine.requestStop();
        assertThat(machine.run(1_000_000).outcome()).isEqualTo(RunResult.Outcome.STOPPED);
        assertThat(machine.stopRequested()).isFalse();
        assertThat(machine.run(1_000_000).outcome()).isEqualTo(RunResult.Outcome.DEADLOCK);
    }
}
