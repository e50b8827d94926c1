package org.hartlab.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.util.List;
import org.hartlab.core.Machine;
import org.hartlab.core.engine.Engine;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.Programs;
import org.hartlab.kernel.proc.Proc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The machine runs on its own thread and holds still, never inside the kernel, whenever the shell asks. */
@Timeout(120)
class MachineDriverTest {
    private record Booted(Machine machine, Kernel kernel, MachineDriver driver) {
    }

    private static Booted boot(Engine.Kind engine) {
        BootSettings settings = BootSettings.defaults();
        Machine machine = new Machine(settings.machineConfig().withEngine(engine), OutputStream.nullOutputStream());
        Kernel kernel = Kernel.boot(machine, settings.strategy());
        kernel.setPowerOffWhenIdle(false);
        return new Booted(machine, kernel, new MachineDriver(machine, SafePoint.install(machine, kernel), m -> { }));
    }

    private static Proc spawn(Booted b, String program, String... args) {
        return b.driver().paused(() -> {
            try {
                List<String> argv = new java.util.ArrayList<>(List.of(program));
                argv.addAll(List.of(args));
                return b.kernel().spawn(Programs.load(program), argv, List.of());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Engine.Kind.class)
    void pausesHoldTheMachineStillOutsideTheKernel(Engine.Kind engine) throws InterruptedException {
        Booted b = boot(engine);
        try (MachineDriver driver = b.driver()) {
            spawn(b, "cow-race", "100000000"); // forks and shoots TLBs down all the time
            driver.kick();
            for (int i = 0; i < 200; i++) {
                long[] before = new long[1];
                long after = driver.paused(() -> {
                    before[0] = ShellSession.instructions(b.machine());
                    b.kernel().processTable(); // the kernel answers from outside
                    sleepQuietly();
                    return ShellSession.instructions(b.machine());
                });
                assertThat(after).as("instructions retired during pause %d", i).isEqualTo(before[0]);
                Thread.sleep(1);
            }
            long atEnd = ShellSession.instructions(b.machine());
            Thread.sleep(50);
            assertThat(ShellSession.instructions(b.machine())).as("runs again after the pauses").isGreaterThan(atEnd);
        }
    }

    @Test
    void theMachineGoesQuietWhenEveryProcessHasExited() throws InterruptedException {
        Booted b = boot(Engine.Kind.DETERMINISTIC);
        try (MachineDriver driver = b.driver()) {
            Proc hello = spawn(b, "hello");
            driver.kick();
            while (!driver.quiet()) {
                Thread.sleep(1);
            }
            assertThat(hello.exited()).isTrue();
            assertThat(driver.poweredOff()).isFalse();
        }
    }

    /** The parallel engine keeps idle harts asleep instead of ending the run: the driver must still close. */
    @Test
    void aParallelMachineWithEveryHartAsleepStillPausesAndCloses() throws InterruptedException {
        Booted b = boot(Engine.Kind.PARALLEL);
        MachineDriver driver = b.driver();
        Proc hello = spawn(b, "hello");
        driver.kick();
        while (!hello.exited()) {
            Thread.sleep(1);
        }
        Thread.sleep(100);
        assertThat(driver.paused(() -> b.kernel().processTable().size())).isEqualTo(1);
        driver.close();
    }

    @Test
    void aMachineWithNothingToRunIsQuietAndPausesAtOnce() {
        Booted b = boot(Engine.Kind.DETERMINISTIC);
        try (MachineDriver driver = b.driver()) {
            assertThat(driver.quiet()).isTrue();
            assertThat(driver.paused(() -> 42)).isEqualTo(42);
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
