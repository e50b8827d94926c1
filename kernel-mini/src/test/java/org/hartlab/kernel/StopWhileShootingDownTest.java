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
import org.hartlab.kernel.vm.CowStrategy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A stop (Ctrl-C, a debugger's interrupt) may land while a hart inside the kernel waits for other harts to
 * acknowledge a TLB shootdown, and the engine takes those harts off first. The run must still end, and the
 * next run must go on to the program's end.
 */
class StopWhileShootingDownTest {
    /** cow-race 20 runs for well over 1M ticks of guest time; a stop every 20k gives dozens of stops. */
    private static final long STOP_EVERY_TICKS = 20_000;

    @ParameterizedTest
    @EnumSource(Engine.Kind.class)
    void everyStopEndsTheRunAndTheProgramStillCompletes(Engine.Kind engine) throws Exception {
        Machine machine = new Machine(MachineConfig.defaults().withHarts(4).withEngine(engine),
                OutputStream.nullOutputStream());
        Kernel kernel = Kernel.boot(machine, CowStrategy.TWO_STAGE);
        kernel.spawn(Programs.load("cow-race"), List.of("cow-race", "20"), List.of());
        int stops = 0;
        RunResult r;
        do {
            long start = machine.clock().now();
            CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> machine.run(Long.MAX_VALUE / 4));
            // A stop every so much guest time, not host time: the count below must not depend on host speed.
            while (!run.isDone() && machine.clock().now() - start < STOP_EVERY_TICKS) {
                Thread.sleep(1);
            }
            machine.requestStop();
            r = run.get(20, TimeUnit.SECONDS); // before the fix: a hart waited for an ack forever, run never returned
            stops++;
        } while (r.outcome() == RunResult.Outcome.STOPPED && stops < 2_000);
        assertThat(stops).as("stopped many times along the way").isGreaterThan(5);
        assertThat(r.outcome()).isEqualTo(RunResult.Outcome.EXITED);
        assertThat(r.exitCode()).as("cow-race under two-stage: no violation").isZero();
    }
}
