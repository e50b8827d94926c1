package org.hartlab.core.hart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.bus.Ram;
import org.junit.jupiter.api.Test;

class SupervisorTest {
    private static final int ECALL = 0x0000_0073;
    private static final int ADDI_A1_A0_1 = 0x0015_0593; // addi a1, a0, 1
    private static final long CODE = Ram.BASE + 0x1000;

    private final Machine machine = new Machine(MachineConfig.defaults(), OutputStream.nullOutputStream());
    private final Hart hart = machine.hart(0);
    private final List<Long> causes = new ArrayList<>();

    /** As firmware leaves a hart, PMP lets U-mode reach all memory. */
    private void inUserModeAt(long pc) {
        hart.openPmp();
        hart.priv = Privilege.USER;
        hart.pc = pc;
        hart.updateTranslation();
    }

    @Test
    void delegatedEcallFromUserRunsTheJavaSupervisorInsteadOfStvec() {
        machine.bus().ram().store32(CODE, ECALL);
        machine.bus().ram().store32(CODE + 4, ADDI_A1_A0_1);
        hart.csr.medeleg = 1L << Cause.ECALL_FROM_U;
        hart.csr.stvec = Ram.BASE + 0x8000; // must not be used
        hart.setSupervisor((h, scause, stval) -> {
            causes.add(scause);
            assertThat(h.privilege()).isEqualTo(Privilege.SUPERVISOR);
            h.setRegister(10, 41);
            h.csrs().setSepc(h.csrs().sepc() + 4);
            h.supervisorReturn();
        });
        inUserModeAt(CODE);
        hart.run(1); // the ecall, handled by the supervisor
        hart.run(1); // the instruction after it, back in U-mode
        assertThat(causes).containsExactly((long) Cause.ECALL_FROM_U);
        assertThat(hart.register(11)).isEqualTo(42);
        assertThat(hart.privilege()).isEqualTo(Privilege.USER);
        assertThat(hart.pc()).isEqualTo(CODE + 8);
    }

    @Test
    void trapsNotDelegatedStillGoToMachineMode() {
        machine.bus().ram().store32(CODE, ECALL);
        hart.csr.mtvec = Ram.BASE + 0x4000;
        hart.setSupervisor((h, scause, stval) -> causes.add(scause));
        inUserModeAt(CODE);
        hart.run(1);
        assertThat(causes).isEmpty();
        assertThat(hart.privilege()).isEqualTo(Privilege.MACHINE);
        assertThat(hart.pc()).isEqualTo(Ram.BASE + 0x4000);
    }
}
