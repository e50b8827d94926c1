package org.hartlab.kernel.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.bus.Ram;
import org.hartlab.core.hart.Csr;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.proc.SpinLock;
import org.hartlab.kernel.vm.CowStrategy;
import org.hartlab.kernel.vm.PhysicalPages;
import org.hartlab.kernel.vm.Prot;
import org.hartlab.kernel.vm.Sv39Pmap;
import org.hartlab.kernel.vm.UserMemory;
import org.hartlab.kernel.vm.VmMap;
import org.hartlab.kernel.vm.VmSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The signal frame where glibc's ucontext_t and libgcc's unwinder look (offsets as riscv64-linux-gnu-gcc's
 * offsetof gives them), and rt_sigreturn reading back what a handler left there.
 */
class SigFrameTest {
    private static final long STACK = 0x40_0000, FRAME = STACK + 0x1000;
    private final Machine machine = new Machine(MachineConfig.defaults().withRamMiB(8), OutputStream.nullOutputStream());
    private final Hart hart = machine.hart(0);
    private final SpinLock lock = new SpinLock("test", machine);
    private UserMemory memory;
    private VmMap map;

    @BeforeEach
    void mapAStack() {
        PhysicalPages pages = new PhysicalPages(machine.bus(), Ram.BASE + (1 << 20), Ram.BASE + (8 << 20));
        VmSystem vm = new VmSystem(machine, pages, CowStrategy.TWO_STAGE, lock);
        hart.openPmp();
        VmSystem.enter(hart);
        lock.lock(hart, () -> { });
        map = new VmMap(new Sv39Pmap(machine.bus(), vm, 1), vm);
        map.insert(STACK, STACK + 4 * VmMap.PAGE, Prot.READ | Prot.WRITE, "stack");
        memory = new UserMemory(map, machine.bus(), hart);
    }

    @AfterEach
    void unlock() {
        map.destroy(hart);
        lock.unlock(hart);
    }

    private void userRegisters() {
        for (int i = 1; i < 32; i++) {
            hart.setRegister(i, 0x100L * i);
            hart.fpRegisters().set(i, 0x3FF0_0000_0000_0000L + i);
        }
        hart.csrs().setSepc(0x1_0ABCL);
        hart.csrs().write(Csr.FCSR, 0x25);
    }

    @Test
    void frameHoldsSiginfoMaskRegistersAndFpStateAtLinuxOffsets() throws Exception {
        userRegisters();
        long[] altStack = {0x7000, ThreadSignals.SS_DISABLE, 0};
        assertThat(SigFrame.push(hart, memory, FRAME, SigInfo.sentBy(Sig.SIGUSR1, Sig.SI_TKILL, 5), 0x2_0000,
                Sig.bit(Sig.SIGUSR2), altStack)).isTrue();
        assertThat(memory.read(FRAME, 4)).isEqualTo(new byte[] {Sig.SIGUSR1, 0, 0, 0});
        assertThat(memory.read64(FRAME + 8) & 0xFFFF_FFFFL).as("si_code").isEqualTo(Sig.SI_TKILL & 0xFFFF_FFFFL);
        assertThat(memory.read64(FRAME + 128 + 16)).as("uc_stack.ss_sp").isEqualTo(0x7000);
        assertThat(memory.read64(FRAME + 128 + 24) & 0xFFFF_FFFFL).as("ss_flags").isEqualTo(ThreadSignals.SS_DISABLE);
        assertThat(memory.read64(FRAME + 128 + 40)).as("uc_sigmask").isEqualTo(Sig.bit(Sig.SIGUSR2));
        long mcontext = FRAME + 128 + 176;
        assertThat(memory.read64(mcontext)).as("pc").isEqualTo(0x1_0ABCL);
        assertThat(memory.read64(mcontext + 8)).as("ra").isEqualTo(0x100);
        assertThat(memory.read64(mcontext + 8 * 31)).as("t6").isEqualTo(0x100L * 31);
        assertThat(memory.read64(mcontext + 256 + 8 * 7)).as("f7").isEqualTo(0x3FF0_0000_0000_0007L);
        assertThat(memory.read64(mcontext + 256 + 256) & 0xFFFF_FFFFL).as("fcsr").isEqualTo(0x25);
    }

    @Test
    void handlerStartsWithSignalSiginfoUcontextAndTheTrampolineAsReturnAddress() {
        userRegisters();
        SigFrame.push(hart, memory, FRAME, SigInfo.sentBy(Sig.SIGTERM, Sig.SI_USER, 1), 0x2_0000, 0,
                new long[3]);
        assertThat(hart.csrs().sepc()).isEqualTo(0x2_0000);
        assertThat(hart.register(1)).isEqualTo(SigFrame.TRAMPOLINE);
        assertThat(hart.register(2)).isEqualTo(FRAME);
        assertThat(hart.register(10)).isEqualTo(Sig.SIGTERM);
        assertThat(hart.register(11)).isEqualTo(FRAME);
        assertThat(hart.register(12)).isEqualTo(FRAME + 128);
    }

    @Test
    void sigreturnRestoresWhatTheHandlerLeftInTheFrame() throws Exception {
        userRegisters();
        SigFrame.push(hart, memory, FRAME, SigInfo.sentBy(Sig.SIGUSR1, Sig.SI_USER, 1), 0x2_0000, 0x30,
                new long[3]);
        long mcontext = FRAME + 128 + 176;
        memory.write64(mcontext, 0x1_0AC0L); // the handler moves the pc on, as one skipping an instruction does
        memory.write64(FRAME + 128 + 40, 0x10);
        for (int i = 1; i < 32; i++) {
            hart.setRegister(i, 0); // the handler's own values
            hart.fpRegisters().set(i, 0);
        }
        hart.csrs().write(Csr.FCSR, 0);
        hart.setRegister(2, FRAME);
        SigFrame.Restored r = SigFrame.pop(hart, memory, FRAME);
        assertThat(r.mask()).isEqualTo(0x10);
        assertThat(hart.csrs().sepc()).isEqualTo(0x1_0AC0L);
        assertThat(hart.register(2)).as("sp").isEqualTo(0x200);
        assertThat(hart.register(10)).as("a0").isEqualTo(0xA00);
        assertThat(hart.fpRegisters().get(31)).isEqualTo(0x3FF0_0000_0000_001FL);
        assertThat(hart.csrs().read(Csr.FCSR)).isEqualTo(0x25);
    }

    @Test
    void trampolineIsMappedOnceAtTheFirstDeliveryWithLiA7SigreturnEcall() throws Exception {
        assertThat(map.lookup(SigFrame.TRAMPOLINE)).as("nothing before a handler runs").isNull();
        assertThat(SigFrame.mapTrampoline(map, memory)).isTrue();
        assertThat(SigFrame.mapTrampoline(map, memory)).as("already there").isTrue();
        assertThat(map.lookup(SigFrame.TRAMPOLINE).prot()).isEqualTo(Prot.READ | Prot.EXEC);
        assertThat(memory.read64(SigFrame.TRAMPOLINE)).isEqualTo(0x0000_0073_08B0_0893L);
    }

    @Test
    void unwritableFrameLeavesTheHartAsItWas() {
        userRegisters();
        assertThat(SigFrame.push(hart, memory, STACK - 0x2000, SigInfo.sentBy(Sig.SIGUSR1, Sig.SI_USER, 1),
                0x2_0000, 0, new long[3])).isFalse();
        assertThat(hart.csrs().sepc()).isEqualTo(0x1_0ABCL);
        assertThat(hart.register(2)).isEqualTo(0x200);
        assertThat(SigFrame.pop(hart, memory, STACK - 0x2000)).isNull();
    }
}
