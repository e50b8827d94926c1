package org.hartlab.kernel.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.bus.Ram;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.proc.SpinLock;
import org.hartlab.mmu.AccessType;
import org.hartlab.mmu.Translation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The wait for acknowledgements ends even when a target hart has left the run (a stop, a debugger). */
class ShootdownTest {
    private static final long VA = 0x40_0000L;

    private final Machine machine = new Machine(MachineConfig.defaults().withHarts(2).withRamMiB(8),
            OutputStream.nullOutputStream());
    private final Hart initiator = machine.hart(0);
    private final Hart target = machine.hart(1);
    private final PhysicalPages pages = new PhysicalPages(machine.bus(), Ram.BASE + (1 << 20),
            Ram.BASE + (8 << 20));
    private final VmSystem vm = new VmSystem(machine, pages, CowStrategy.TWO_STAGE, new SpinLock("k", machine));

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void anOfflineTargetIsFlushedOnItsBehalfInsteadOfAwaited() {
        target.openPmp(); // as the kernel's harts have it: its MMU walks as S-mode
        VmMap map = new VmMap(new Sv39Pmap(machine.bus(), vm, 1), vm);
        map.insert(VA, VA + VmMap.PAGE, Prot.READ | Prot.WRITE, "x");
        VmSystem.enter(initiator);
        assertThat(VmFault.pageIn(map, VA, initiator)).isNotEqualTo(-1);
        long satp = map.pmap().satp();
        long before = target.mmu().translate(VA, AccessType.LOAD, satp, true, false, false, false);
        assertThat(Translation.isFault(before)).isFalse();
        map.pmap().remove(VA); // the target's TLB still holds the translation

        target.setOnline(false);
        vm.shootdown().invalidate(initiator, 0b11, VA, 1);

        assertThat(vm.shootdown().queued(target)).as("request carried out").isZero();
        long after = target.mmu().translate(VA, AccessType.LOAD, satp, true, false, false, false);
        assertThat(Translation.isFault(after)).as("the stale entry is gone: the walk finds no PTE").isTrue();
    }
}
