package org.hartlab.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.util.List;
import org.hartlab.core.Machine;
import org.hartlab.core.engine.Engine;
import org.hartlab.core.hart.Hart;
import org.hartlab.core.hart.Privilege;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.Programs;
import org.hartlab.kernel.proc.Proc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The machine runs on its own thread and holds still whenever the shell asks, at a point where the shell may call
 * the kernel.
 * Nothing here waits on host time: each wait is for a condition, under a bound no host comes near.
 */
@Timeout(120)
class MachineDriverTest {
    private record Booted(Machine machine, Kernel kernel, MachineDriver driver) {
    }

    private static Booted boot(Engine.Kind engine) {
        BootSettings settings = BootSettings.defaults();
        Machine machine = new Machine(settings.machineConfig().withEngine(engine), OutputStream.nullOutputStream());
        Kernel kernel = Kernel.boot(machine, settings.strategy());
        kernel.setPowerOffWhenIdle(false);
        return new Booted(machine, kernel, new MachineDriver(machine, SafePoint.install(machine, kernel), m -> { },
                () -> null));
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

    /** During each pause no instruction retires and the kernel answers a call from outside; then it runs on. */
    @ParameterizedTest
    @EnumSource(Engine.Kind.class)
    void pausesHoldTheMachineStillAndTheKernelAnswersFromOutside(Engine.Kind engine) throws InterruptedException {
        pauseRepeatedly(boot(engine));
    }

    /**
     * Under the deterministic engine a pause also finds no hart inside the kernel: a hart the kernel serves is in
     * S-mode outside the idle loop (at stvec), so each must be in U-mode or in the idle loop. The parallel engine
     * holds a hart that has just trapped before it enters the kernel, at that same pc, so there the place of a
     * hart cannot tell; its pauses are checked by the instruction count alone.
     */
    @Test
    void deterministicPausesFindEveryHartInUserModeOrIdle() throws InterruptedException {
        List<List<String>> places = pauseRepeatedly(boot(Engine.Kind.DETERMINISTIC));
        for (int i = 0; i < places.size(); i++) {
            assertThat(places.get(i)).as("where each hart stood during pause %d", i)
                    .allMatch(p -> p.equals("user") || p.equals("idle"));
        }
        assertThat(places).as("pauses that caught one of cow-race's threads in U-mode")
                .anyMatch(p -> p.contains("user"));
    }

    /** Runs cow-race and pauses it 200 times; returns where each hart stood during each pause. */
    private static List<List<String>> pauseRepeatedly(Booted b) throws InterruptedException {
        List<List<String>> places = new java.util.ArrayList<>();
        try (MachineDriver driver = b.driver()) {
            spawn(b, "cow-race", "100000000"); // forks and shoots TLBs down all the time
            driver.kick();
            for (int i = 0; i < 200; i++) {
                awaitInstructionsBeyond(b.machine(), ShellSession.instructions(b.machine()));
                long[] before = new long[1];
                List<String> where = new java.util.ArrayList<>();
                long after = driver.paused(() -> {
                    before[0] = ShellSession.instructions(b.machine());
                    b.kernel().processTable(); // the kernel answers from outside
                    b.machine().harts().forEach(h -> where.add(place(h)));
                    sleepQuietly();
                    return ShellSession.instructions(b.machine());
                });
                assertThat(after).as("instructions retired during pause %d", i).isEqualTo(before[0]);
                places.add(where);
            }
            awaitInstructionsBeyond(b.machine(), ShellSession.instructions(b.machine())); // runs again after them
        }
        return places;
    }

    /** "user", "idle" (S-mode in the kernel's idle loop) or "kernel" (S-mode anywhere else: serving a trap). */
    private static String place(Hart h) {
        if (h.privilege() == Privilege.USER) {
            return "user";
        }
        return h.pc() >= Kernel.IDLE_PC && h.pc() < Kernel.IDLE_PC + 8 ? "idle" : "kernel at 0x" + Long.toHexString(h.pc());
    }

    /** Waits, under a bound far above any host's need, for the machine to retire more than {@code count}. */
    private static void awaitInstructionsBeyond(Machine machine, long count) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (ShellSession.instructions(machine) <= count) {
            assertThat(System.nanoTime()).as("the machine runs on past %d instructions", count).isLessThan(deadline);
            Thread.sleep(1);
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
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!hello.exited() || !b.machine().harts().stream().allMatch(Hart::asleep)) {
            assertThat(System.nanoTime()).as("hello exits and every hart falls asleep").isLessThan(deadline);
            Thread.sleep(1);
        }
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
