package org.hartlab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.RunResult;
import org.hartlab.core.engine.Engine;
import org.hartlab.core.trace.Event;
import org.hartlab.kernel.vm.CowStrategy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A stop (Ctrl-C, a debugger's interrupt) may land while a hart inside the kernel waits for other harts to
 * acknowledge a TLB shootdown, and the engine takes those harts off first. The run must still end, and the
 * next run must go on to the program's end.
 */
class StopWhileShootingDownTest {
    /** cow-race 20 begins dozens of shootdowns (a fork's, each copy's); the test stops the run at each. */
    private static final int MIN_STOPS = 20;

    @ParameterizedTest
    @EnumSource(Engine.Kind.class)
    void everyStopEndsTheRunAndTheProgramStillCompletes(Engine.Kind engine) throws Exception {
        Machine machine = new Machine(MachineConfig.defaults().withHarts(4).withEngine(engine),
                OutputStream.nullOutputStream());
        Kernel kernel = Kernel.boot(machine, CowStrategy.TWO_STAGE);
        kernel.spawn(Programs.load("cow-race"), List.of("cow-race", "20"), List.of());
        // The stop is asked for by the hart that begins a shootdown, at that moment of guest time: the runs and
        // their count are the program's, not the host's (a test thread waking now and then would stop the run
        // wherever it happened to be, and fewer times on a faster host).
        machine.setEventSink(e -> {
            if (e.kind() == Event.Kind.SHOOTDOWN && e.phase() == Event.Phase.BEGIN) {
                machine.requestStop();
            }
        });
        int stops = 0;
        RunResult r;
        do {
            // before the fix: a hart waited for an ack forever, and run never returned
            r = CompletableFuture.supplyAsync(() -> machine.run(Long.MAX_VALUE / 4)).get(20, TimeUnit.SECONDS);
            if (r.outcome() == RunResult.Outcome.STOPPED) {
                stops++;
            }
        } while (r.outcome() == RunResult.Outcome.STOPPED && stops < 2_000);
        assertThat(stops).as("stopped at every shootdown along the way").isGreaterThanOrEqualTo(MIN_STOPS);
        assertThat(r.outcome()).isEqualTo(RunResult.Outcome.EXITED);
        assertThat(r.exitCode()).as("cow-race under two-stage: no violation").isZero();
    }
}
