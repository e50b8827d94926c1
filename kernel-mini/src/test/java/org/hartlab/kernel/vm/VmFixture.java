package org.hartlab.kernel.vm;

import java.io.OutputStream;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.bus.Ram;
import org.hartlab.core.bus.RamPhysicalMemory;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.proc.SpinLock;
import org.hartlab.mmu.PageTableInspector;
import org.hartlab.mmu.WalkTrace;

/** A one-hart machine with the VM system on it, and a way to read page tables as the hardware would. */
final class VmFixture {
    final Machine machine = new Machine(MachineConfig.defaults().withRamMiB(8), OutputStream.nullOutputStream());
    final Hart hart = machine.hart(0);
    final PhysicalPages pages = new PhysicalPages(machine.bus().ram(), Ram.BASE + (1 << 20), Ram.BASE + (8 << 20));
    final SpinLock lock = new SpinLock("test", machine);
    final VmSystem vm;

    VmFixture(CowStrategy strategy) {
        vm = new VmSystem(machine, pages, strategy, lock);
        VmSystem.enter(hart);
    }

    /** vm_fault as the kernel calls it: with the kernel lock held. */
    VmFault.Result fault(VmMap map, long va, int access) {
        lock.lock(hart, () -> { });
        try {
            return VmFault.fault(vm, map, va, access, hart);
        } finally {
            lock.unlock(hart);
        }
    }

    VmMap newMap(int asid) {
        return new VmMap(new Sv39Pmap(machine.bus(), vm, asid), vm);
    }

    WalkTrace walk(Pmap pmap, long va) {
        return PageTableInspector.walk(RamPhysicalMemory.readOnly(machine.bus().ram()), pmap.satp(), va);
    }
}
