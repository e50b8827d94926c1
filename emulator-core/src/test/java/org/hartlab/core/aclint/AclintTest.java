package org.hartlab.core.aclint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.bus.BusFault;
import org.hartlab.core.bus.Ram;
import org.hartlab.core.hart.Cause;
import org.hartlab.core.hart.Hart;
import org.junit.jupiter.api.Test;

class AclintTest {
    private static final int NOP = 0x0000_0013; // addi x0, x0, 0
    private static final long MSIP = 1L << Cause.MSI;
    private static final long SSIP = 1L << Cause.SSI;
    private static final long MTIP = 1L << Cause.MTI;

    private static Machine machine(int harts, IpiDelay delay) {
        Machine m = new Machine(MachineConfig.defaults().withHarts(harts).withIpiDelay(delay),
                OutputStream.nullOutputStream());
        for (int i = 0; i < 4096; i += 4) {
            m.bus().ram().store32(Ram.BASE + i, NOP);
        }
        m.harts().forEach(h -> h.setPc(Ram.BASE));
        return m;
    }

    private static long mip(Hart h) {
        return h.csrs().read(org.hartlab.core.hart.Csr.MIP);
    }

    @Test
    void unarmedTimerDoesNotShortenSlices() {
        Machine m = machine(1, IpiDelay.NONE);
        assertThat(m.prepareSlice(m.hart(0))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void armedTimerEndsTheSliceAtItsDeadline() {
        Machine m = machine(1, IpiDelay.NONE);
        m.bus().storeMmio(Mtimer.BASE, 8, 100, 0);
        assertThat(m.prepareSlice(m.hart(0))).isEqualTo(100);
        m.retired(m.hart(0).run(100));
        m.prepareSlice(m.hart(0));
        assertThat(mip(m.hart(0)) & MTIP).isEqualTo(MTIP);
    }

    @Test
    void timerDeadlineCountsInstructionsOfAnAverageHart() {
        Machine m = machine(2, IpiDelay.NONE);
        m.bus().storeMmio(Mtimer.BASE, 8, 100, 0);
        assertThat(m.prepareSlice(m.hart(0))).isEqualTo(200);
    }

    @Test
    void mtimeReadsBackWhatWasWrittenPlusElapsedTime() {
        Machine m = machine(1, IpiDelay.NONE);
        m.bus().storeMmio(Mtimer.BASE + 0x7FF8, 8, 5000, 0);
        m.retired(m.hart(0).run(10));
        assertThat(m.bus().loadMmio(Mtimer.BASE + 0x7FF8, 8, 0)).isEqualTo(5010);
    }

    @Test
    void msipIsDeliveredAfterTheDelayInTargetInstructions() {
        Machine m = machine(2, new IpiDelay(7, 7));
        m.bus().storeMmio(Mswi.BASE + 4, 4, 1, 0);
        Hart target = m.hart(1);
        assertThat(mip(target) & MSIP).isZero();
        assertThat(m.ipis().anyInFlight()).isTrue();
        assertThat(m.prepareSlice(target)).isEqualTo(7);
        target.run(7);
        m.prepareSlice(target);
        assertThat(mip(target) & MSIP).isEqualTo(MSIP);
        assertThat(m.ipis().anyInFlight()).as("delivered").isFalse();
        assertThat(m.bus().loadMmio(Mswi.BASE + 4, 4, 0)).isEqualTo(1);
    }

    /**
     * Under an engine whose harts run at once, a post ends the slice its target is in, so the IPI is not left
     * waiting for the end of a long one: the target loops in a run of 2^31 - 1 steps, which returns early.
     */
    @Test
    void anIpiEndsTheSliceItsTargetIsRunningWhenTheEngineAsksForIt() throws Exception {
        Machine m = machine(2, new IpiDelay(7, 7));
        m.bus().ram().store32(Ram.BASE + 4092, 0x804F_F06F); // jal x0, -4092: back to the first NOP
        m.ipis().setEndTargetSlices(true);
        Hart target = m.hart(1);
        int[] steps = {-1};
        Thread running = Thread.ofPlatform().start(() -> steps[0] = target.run(Integer.MAX_VALUE));
        for (int i = 0; i < 60_000 && target.instret() == 0; i++) {
            Thread.sleep(1); // until the target runs: bounded, not timed
        }
        m.bus().storeMmio(Mswi.BASE + 4, 4, 1, 0);
        running.join();
        assertThat(steps[0]).as("the target's run ended before its budget").isLessThan(Integer.MAX_VALUE);
        assertThat(target.pc()).as("it looped in the NOPs, no trap").isBetween(Ram.BASE, Ram.BASE + 4092);
        assertThat(m.ipis().anyInFlight()).as("due at the target's next slice").isTrue();
    }

    @Test
    void writingMsipZeroClearsAndCancelsInFlightInterrupts() {
        Machine m = machine(2, new IpiDelay(7, 7));
        m.bus().storeMmio(Mswi.BASE + 4, 4, 1, 0);
        m.bus().storeMmio(Mswi.BASE + 4, 4, 0, 0);
        assertThat(m.ipis().anyInFlight()).as("cancelled").isFalse();
        Hart target = m.hart(1);
        target.run(20);
        m.prepareSlice(target);
        assertThat(mip(target) & MSIP).isZero();
    }

    @Test
    void setssipRaisesSupervisorSoftwareInterruptOnTheTarget() {
        Machine m = machine(3, IpiDelay.NONE);
        m.bus().storeMmio(Sswi.BASE + 8, 4, 1, 0);
        assertThat(mip(m.hart(2)) & SSIP).isEqualTo(SSIP);
        assertThat(mip(m.hart(1)) & SSIP).isZero();
        assertThat(m.bus().loadMmio(Sswi.BASE + 8, 4, 0)).isZero();
    }

    @Test
    void delaysAreDrawnFromTheSeededRange() {
        Machine m = machine(2, new IpiDelay(10, 200));
        m.bus().storeMmio(Mswi.BASE + 4, 4, 1, 0);
        long first = m.prepareSlice(m.hart(1));
        Machine again = machine(2, new IpiDelay(10, 200));
        again.bus().storeMmio(Mswi.BASE + 4, 4, 1, 0);
        assertThat(first).isBetween(10L, 200L).isEqualTo(again.prepareSlice(again.hart(1)));
    }

    @Test
    void registerOfAMissingHartIsABusFault() {
        Machine m = machine(2, IpiDelay.NONE);
        assertThatThrownBy(() -> m.bus().storeMmio(Mswi.BASE + 8, 4, 1, 0)).isSameAs(BusFault.INSTANCE);
        assertThatThrownBy(() -> m.bus().loadMmio(Mswi.BASE + 1, 4, 0)).isSameAs(BusFault.INSTANCE);
    }

    @Test
    void ipiDelayParsesSingleValuesAndRanges() {
        assertThat(IpiDelay.parse("0..200")).isEqualTo(new IpiDelay(0, 200));
        assertThat(IpiDelay.parse("5")).isEqualTo(new IpiDelay(5, 5));
        assertThatThrownBy(() -> IpiDelay.parse("9..3")).hasMessageContaining("0 <= MIN <= MAX");
        assertThatThrownBy(() -> IpiDelay.parse("soon")).hasMessageContaining("N or MIN..MAX");
    }
}
