package org.hartlab.core.hart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.RunResult;
import org.hartlab.core.bus.Ram;
import org.hartlab.core.engine.Engine;
import org.hartlab.core.engine.ParallelEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The parallel engine's lockstep: while a hart's kernel work takes N guest cycles the other harts run N cycles' worth,
 * never more than the window ahead of it (and never more than the free-run window while nothing interacts), whatever
 * the host's cores and scheduler do; a hart asleep in WFI holds nobody back.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ParallelKernelTimeTest {
    private static final int ECALL = 0x0000_0073;
    private static final int WFI = 0x1050_0073;
    private static final int JUMP_SELF = 0x0000_006F; // jal x0, 0
    private static final long CODE0 = Ram.BASE + 0x1000;
    private static final long CODE1 = Ram.BASE + 0x2000;
    private static final long KERNEL_WORK = 1_000_000;
    private static final long W = ParallelEngine.DEFAULT_WINDOW;

    private final Machine machine = new Machine(
            MachineConfig.defaults().withHarts(2).withEngine(Engine.Kind.PARALLEL), OutputStream.nullOutputStream());

    /** hart 0: ecall, then spins; hart 1 runs {@code hart1Code}, in U-mode as a process would. */
    private void load(int hart1Code) {
        machine.bus().ram().store32(CODE0, ECALL);
        machine.bus().ram().store32(CODE0 + 4, JUMP_SELF);
        machine.bus().ram().store32(CODE1, hart1Code);
        machine.bus().ram().store32(CODE1 + 4, JUMP_SELF);
        inUserModeAt(machine.hart(0), CODE0);
        inUserModeAt(machine.hart(1), CODE1);
        machine.hart(0).csr.medeleg = 1L << Cause.ECALL_FROM_U;
    }

    private static void inUserModeAt(Hart hart, long pc) {
        hart.openPmp();
        hart.priv = Privilege.USER;
        hart.pc = pc;
        hart.updateTranslation();
    }

    /** Hart 0's ecall spends {@link #KERNEL_WORK} cycles; records both harts' progress before and after it. */
    private AtomicLongArray kernelWorkOnHart0() {
        AtomicLongArray seen = new AtomicLongArray(4);
        machine.hart(0).setSupervisor((h, scause, stval) -> {
            seen.set(0, h.progress());
            seen.set(1, machine.hart(1).progress());
            machine.spend(h, KERNEL_WORK);
            seen.set(2, h.progress());
            seen.set(3, machine.hart(1).progress());
            h.csrs().setSepc(h.csrs().sepc() + 4);
            h.supervisorReturn();
        });
        return seen;
    }

    /** Runs hart 1's {@code hart1Code} beside hart 0's kernel work; returns what {@link #kernelWorkOnHart0} saw. */
    private AtomicLongArray runWithHart1(int hart1Code) {
        load(hart1Code);
        AtomicLongArray seen = kernelWorkOnHart0();
        RunResult result = machine.run(4 * KERNEL_WORK);
        assertThat(result.outcome()).isEqualTo(RunResult.Outcome.INSTRUCTION_LIMIT);
        assertThat(seen.get(2)).as("hart 0 charged the work").isEqualTo(seen.get(0) + KERNEL_WORK);
        return seen;
    }

    @Test
    void theOtherHartRunsAsLongAsTheKernelWorksAndNoFurtherThanTheWindow() {
        AtomicLongArray seen = runWithHart1(JUMP_SELF);
        assertThat(seen.get(1)).as("hart 1 before the kernel work, the harts not interacting")
                .isLessThanOrEqualTo(seen.get(0) + ParallelEngine.FREE_RUN_WINDOW);
        assertThat(seen.get(3)).as("hart 1 when the kernel work ends")
                .isBetween(seen.get(2) - W, seen.get(2) + W);
    }

    @Test
    void aHartAsleepInWfiHoldsNobodyBack() {
        AtomicLongArray seen = runWithHart1(WFI);
        assertThat(seen.get(3)).as("hart 1 slept through it").isLessThan(W);
    }
}
