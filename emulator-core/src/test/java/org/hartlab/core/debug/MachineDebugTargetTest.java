package org.hartlab.core.debug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.bus.Ram;
import org.hartlab.core.hart.Csr;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MachineDebugTargetTest {
    private static final int JUMP_TO_SELF = 0x0000_006F; // jal x0, 0

    private final Machine machine = new Machine(MachineConfig.defaults().withHarts(2), OutputStream.nullOutputStream());
    private final MachineDebugTarget target = new MachineDebugTarget(machine, Long.MAX_VALUE);

    MachineDebugTargetTest() {
        machine.bus().ram().store32(Ram.BASE, JUMP_TO_SELF);
        machine.harts().forEach(h -> h.setPc(Ram.BASE));
    }

    @Test
    void csrsAreWritableFromTheDebugger() throws Exception {
        target.writeRegister(1, DebugTarget.CSR_BASE + Csr.MSCRATCH, 0x1234);
        assertThat(target.readRegister(1, DebugTarget.CSR_BASE + Csr.MSCRATCH)).isEqualTo(0x1234);
        assertThat(target.readRegister(0, DebugTarget.CSR_BASE + Csr.MSCRATCH)).isZero();
    }

    @Test
    void fRegistersAreTheHartsOwn() throws Exception {
        target.writeRegister(1, DebugTarget.FPR_BASE + 31, 0x4009_21FB_5444_2D18L);
        assertThat(machine.hart(1).fpRegisters().get(31)).isEqualTo(0x4009_21FB_5444_2D18L);
        assertThat(target.readRegister(1, DebugTarget.FPR_BASE + 31)).isEqualTo(0x4009_21FB_5444_2D18L);
        assertThat(target.readRegister(0, DebugTarget.FPR_BASE + 31)).isZero();
    }

    @Test
    void fpCsrsAreReadableAndWritableEvenWithFsOff() throws Exception {
        target.writeRegister(0, DebugTarget.CSR_BASE + Csr.FCSR, 0x7F);
        assertThat(target.readRegister(0, DebugTarget.CSR_BASE + Csr.FFLAGS)).isEqualTo(0x1F);
        assertThat(target.readRegister(0, DebugTarget.CSR_BASE + Csr.FRM)).isEqualTo(3);
    }

    @Test
    void writingACsrThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> target.writeRegister(0, DebugTarget.CSR_BASE + 0x7FF, 1))
                .isInstanceOf(DebugException.class);
    }

    @Test
    void anInterruptThatArrivesBeforeResumeStillStopsIt() {
        target.interrupt();
        StopEvent stop = target.resume(DebugTarget.ALL_HARTS);
        assertThat(stop.kind()).isEqualTo(StopEvent.Kind.INTERRUPTED);
    }

    @Test
    void resumingSomeHartsLeavesTheOthersWhereTheyAre() {
        machine.bus().ram().store32(Ram.BASE + 8, 0x0000_0013);       // nop
        machine.bus().ram().store32(Ram.BASE + 12, JUMP_TO_SELF);
        machine.harts().forEach(h -> h.setPc(Ram.BASE + 8));
        target.setBreakpoint(Ram.BASE + 12, true);
        StopEvent stop = target.resume(1L << 1);
        assertThat(stop.kind()).isEqualTo(StopEvent.Kind.BREAKPOINT);
        assertThat(stop.hart()).isEqualTo(1);
        assertThat(machine.hart(0).pc()).as("hart 0 held").isEqualTo(Ram.BASE + 8);
        assertThat(machine.hart(0).asleep()).as("held only for that run").isFalse();
    }

    @Test
    void breakpointStopsTheHartThatReachesItAndResumeSkipsItOnce() {
        machine.bus().ram().store32(Ram.BASE + 8, JUMP_TO_SELF);
        machine.hart(1).setPc(Ram.BASE + 8);
        target.setBreakpoint(Ram.BASE + 8, true);
        StopEvent first = target.resume(DebugTarget.ALL_HARTS);
        assertThat(first.kind()).isEqualTo(StopEvent.Kind.BREAKPOINT);
        assertThat(first.hart()).isEqualTo(1);
        assertThat(target.describeHart(1)).startsWith("hart 1 M-mode pc=0x80000008");
    }

    private static final int NOP = 0x0000_0013;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aHartAtABreakpointThatWasNotReportedHitsItOnTheNextResume() {
        machine.bus().ram().store32(Ram.BASE + 8, NOP);
        machine.bus().ram().store32(Ram.BASE + 12, JUMP_TO_SELF);
        machine.harts().forEach(h -> h.setPc(Ram.BASE + 8));
        target.setBreakpoint(Ram.BASE + 8, true);
        StopEvent first = target.resume(DebugTarget.ALL_HARTS);
        StopEvent second = target.resume(DebugTarget.ALL_HARTS);
        assertThat(first.kind()).isEqualTo(StopEvent.Kind.BREAKPOINT);
        assertThat(second.kind()).isEqualTo(StopEvent.Kind.BREAKPOINT);
        assertThat(second.address()).isEqualTo(Ram.BASE + 8);
        assertThat(second.hart()).as("the other hart, not let past its breakpoint").isNotEqualTo(first.hart());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aHeldHartThatHitABreakpointDoesNotEndTheRunItSitsOut() {
        machine.bus().ram().store32(Ram.BASE + 8, NOP);
        machine.bus().ram().store32(Ram.BASE + 12, JUMP_TO_SELF);
        machine.bus().ram().store32(Ram.BASE + 16, NOP);
        machine.bus().ram().store32(Ram.BASE + 20, NOP);
        machine.bus().ram().store32(Ram.BASE + 24, JUMP_TO_SELF);
        machine.hart(0).setPc(Ram.BASE + 16);
        machine.hart(1).setPc(Ram.BASE + 8);
        target.setBreakpoint(Ram.BASE + 12, true);
        target.setBreakpoint(Ram.BASE + 24, true);
        assertThat(target.resume(1L << 1).hart()).isEqualTo(1);
        for (int i = 0; i < 2; i++) {
            StopEvent step = target.step(0);
            assertThat(step.kind()).isEqualTo(StopEvent.Kind.STEP);
            assertThat(step.hart()).isZero();
        }
        assertThat(machine.hart(1).pc()).as("a step moves only its hart").isEqualTo(Ram.BASE + 12);
        StopEvent stop = target.resume(1L << 0);
        assertThat(stop.kind()).isEqualTo(StopEvent.Kind.BREAKPOINT);
        assertThat(stop.hart()).as("hart 1 is held, it cannot be the one that stopped").isZero();
        assertThat(stop.address()).isEqualTo(Ram.BASE + 24);
    }

    private static final int SD_X6_0_X5 = 0x0062_B023; // sd x6, 0(x5)

    /** Hart 0 at a store of 42 to a watched doubleword, with a breakpoint on the store (as gdb steps over one). */
    private long hartAtAWatchedStore() {
        long data = Ram.BASE + 0x100;
        machine.bus().ram().store32(Ram.BASE + 8, SD_X6_0_X5);
        machine.bus().ram().store32(Ram.BASE + 12, JUMP_TO_SELF);
        machine.hart(0).setPc(Ram.BASE + 8);
        machine.hart(0).setRegister(5, data);
        machine.hart(0).setRegister(6, 42);
        target.setBreakpoint(Ram.BASE + 8, true);
        target.setWatchpoint(WatchKind.WRITE, data, 8, true);
        return data;
    }

    @Test
    void aStepWhoseStoreHitsAWatchpointReportsItBeforeTheStore() {
        long data = hartAtAWatchedStore();
        StopEvent stop = target.step(0);
        assertThat(stop.kind()).isEqualTo(StopEvent.Kind.WATCH_WRITE);
        assertThat(stop.address()).isEqualTo(data);
        assertThat(machine.hart(0).pc()).as("stopped before the store").isEqualTo(Ram.BASE + 8);
        assertThat(machine.bus().ram().load64(data)).isZero();
    }

    @Test
    void theStepAfterAReportedWatchpointMakesTheStore() {
        long data = hartAtAWatchedStore();
        target.step(0);
        StopEvent stop = target.step(0); // the watchpoint still in: the access it reported happens now
        assertThat(stop.kind()).isEqualTo(StopEvent.Kind.STEP);
        assertThat(machine.hart(0).pc()).isEqualTo(Ram.BASE + 12);
        assertThat(machine.bus().ram().load64(data)).isEqualTo(42);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aResumeFromABreakpointOnAWatchedStoreStopsAtTheWatchpoint() {
        long data = hartAtAWatchedStore();
        machine.hart(0).setPc(Ram.BASE);
        machine.bus().ram().store32(Ram.BASE, NOP);
        machine.bus().ram().store32(Ram.BASE + 4, NOP);
        assertThat(target.resume(1L << 0).kind()).isEqualTo(StopEvent.Kind.BREAKPOINT);
        StopEvent stop = target.resume(1L << 0);
        assertThat(stop.kind()).as("the breakpoint is passed, the store's watchpoint is not")
                .isEqualTo(StopEvent.Kind.WATCH_WRITE);
        assertThat(machine.bus().ram().load64(data)).isZero();
    }
}
