package org.hartlab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.RunResult;
import org.hartlab.core.aclint.IpiDelay;
import org.hartlab.core.hart.Hart;
import org.hartlab.core.hart.Privilege;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.kernel.vm.CowStrategy;
import org.hartlab.kernel.vm.UserMemory;
import org.hartlab.mmu.TlbEntryView;
import org.junit.jupiter.api.Test;

/**
 * A run the deterministic engine ends with a debugger's stop while harts are in the middle of kernel work keeps
 * that work parked: the machine is seen as it stood (the shootdown in flight, the stale entry cached), the next
 * run resumes it, and completing it instead returns every hart to user mode. Runs that end mid-kernel replay.
 */
class HaltMidKernelTest {
    private static final long LIMIT = 2_000_000_000L;

    private record Booted(Machine machine, Kernel kernel, Proc proc, ByteArrayOutputStream console) {
    }

    private static Booted boot(CowStrategy strategy, String iterations) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine machine = new Machine(MachineConfig.defaults().withHarts(4).withSeed(3)
                .withIpiDelay(IpiDelay.parse(KernelCosts.IPI_DELAY)), console);
        Kernel kernel = Kernel.boot(machine, strategy);
        Proc proc = kernel.spawn(Programs.load("cow-race"), List.of("cow-race", iterations), List.of());
        return new Booted(machine, kernel, proc, console);
    }

    /** The harts whose TLB holds an entry the page table of {@code proc} maps elsewhere now. */
    private static List<Integer> hartsWithStaleEntries(Booted b) {
        List<Integer> stale = new ArrayList<>();
        for (Hart h : b.machine().harts()) {
            for (TlbEntryView e : h.mmu().entries()) {
                long now = b.proc().vmMap().pmap().extract(e.virtualAddress());
                if (!e.invalid() && e.asid() == b.proc().pid() && now != -1 && now != e.physicalAddress()) {
                    stale.add(h.id());
                }
            }
        }
        return stale;
    }

    /** Runs {@code b} to its first stale access, which must stop it with the faulting hart's work parked. */
    private static RunResult stopAtFirstStaleAccess(Booted b) {
        b.machine().watchStaleAccesses(true);
        RunResult stop = b.kernel().run(LIMIT);
        assertThat(stop.outcome()).isEqualTo(RunResult.Outcome.BREAK);
        assertThat(b.machine().kernelWorkSuspended()).as("the faulting hart still waits for its acks").isTrue();
        return stop;
    }

    @Test
    void aStaleStopLeavesTheShootdownInFlightAndTheNextRunResumesIt() throws Exception {
        Booted b = boot(CowStrategy.NAIVE, "200");
        RunResult stop = stopAtFirstStaleAccess(b);

        assertThat(hartsWithStaleEntries(b)).as("after the run returned, the stale entry is still cached")
                .contains(stop.stoppedHart());
        assertThat(b.machine().harts()).anyMatch(h -> h.privilege() == Privilege.SUPERVISOR);

        RunResult end = b.kernel().run(LIMIT);
        assertThat(end.outcome()).isEqualTo(RunResult.Outcome.EXITED);
        assertThat(b.console().toString()).as("the stale read went on to break the race, as naive does")
                .containsPattern("violations=[1-9]");
        assertThat(b.machine().kernelWorkSuspended()).isFalse();
    }

    @Test
    void stoppingAndGoingOnReplaysFromTheSeed() throws Exception {
        List<String> first = stopAndGoOn();
        List<String> second = stopAndGoOn();
        assertThat(second).isEqualTo(first);
    }

    private static List<String> stopAndGoOn() throws Exception {
        Booted b = boot(CowStrategy.NAIVE, "100");
        List<String> seen = new ArrayList<>();
        RunResult r;
        do {
            b.machine().watchStaleAccesses(true);
            r = b.kernel().run(LIMIT);
            seen.add(r.outcome() + " " + b.machine().takeStaleStop());
        } while (r.outcome() == RunResult.Outcome.BREAK && seen.size() < 50);
        assertThat(seen).as("several stops along the way").hasSizeGreaterThan(3);
        for (Hart h : b.machine().harts()) {
            seen.add("hart %d instret %d kernel cycles %d".formatted(h.id(), h.instret(), h.kernelCycles()));
        }
        seen.add(b.console().toString());
        return seen;
    }

    @Test
    void completingParkedWorkReturnsEveryHartToUserModeAndTheProgramStillEnds() throws Exception {
        Booted b = boot(CowStrategy.TWO_STAGE, "200");
        stopAtFirstStaleAccess(b);

        b.machine().completeKernelWork();

        assertThat(b.machine().kernelWorkSuspended()).isFalse();
        assertThat(b.machine().harts()).allMatch(h -> h.privilege() == Privilege.USER
                || b.kernel().scheduler().current(h) == null);
        assertThat(hartsWithStaleEntries(b)).as("the acks were carried out on the stopped harts' behalf").isEmpty();
        b.machine().unwatchStaleAccesses();
        RunResult end = b.kernel().run(LIMIT);
        assertThat(end.outcome()).isEqualTo(RunResult.Outcome.EXITED);
        assertThat(end.exitCode()).as("two-stage: no violation").isZero();
    }

    @Test
    void runsEndingMidKernelAtAnInstructionLimitReplay() throws Exception {
        assertThat(inSmallRuns()).isEqualTo(inSmallRuns());
    }

    /** cow-race in runs of 20,000 instructions, most of which end with some hart inside the kernel. */
    private static List<Long> inSmallRuns() throws Exception {
        Booted b = boot(CowStrategy.TWO_STAGE, "30");
        RunResult r;
        int runs = 0;
        do {
            r = b.kernel().run(20_000);
            runs++;
        } while (r.outcome() == RunResult.Outcome.INSTRUCTION_LIMIT && runs < 100_000);
        assertThat(r.outcome()).isEqualTo(RunResult.Outcome.EXITED);
        List<Long> counts = new ArrayList<>(List.of((long) runs));
        b.machine().harts().forEach(h -> counts.add(h.instret()));
        b.machine().harts().forEach(h -> counts.add(h.kernelCycles()));
        return counts;
    }

    @Test
    void aViolationStopHaltsAtTheMarkAndBeforeANonZeroExit() throws Exception {
        Booted b = boot(CowStrategy.NAIVE, "200");
        ViolationStop stop = b.kernel().violationStop();
        stop.arm();
        RunResult r = b.kernel().run(LIMIT);
        assertThat(r.outcome()).isEqualTo(RunResult.Outcome.BREAK);
        assertThat(stop.take()).startsWith("hart " + r.stoppedHart() + ", pid 1 ").contains("hartlab_mark(");

        String exit = null;
        while (exit == null) {
            stop.arm();
            r = b.kernel().run(LIMIT);
            assertThat(r.outcome()).isEqualTo(RunResult.Outcome.BREAK);
            String s = stop.take();
            exit = s.contains("exit") ? s : null;
        }
        assertThat(exit).contains("exit_group(1), before it ends the process");
        assertThat(b.proc().exited()).as("stopped before the exit").isFalse();
        Hart h = b.machine().hart(r.stoppedHart());
        byte[] insn = new UserMemory(b.proc().vmMap(), b.machine().bus(), h).read(h.pc(), 4);
        assertThat(insn).as("the thread will execute its ecall again").containsExactly(0x73, 0, 0, 0);

        RunResult end = b.kernel().run(LIMIT);
        assertThat(end.outcome()).isEqualTo(RunResult.Outcome.EXITED);
        assertThat(b.proc().exited()).isTrue();
        assertThat(b.proc().exitStatus()).isEqualTo(1 << 8);
    }
}
