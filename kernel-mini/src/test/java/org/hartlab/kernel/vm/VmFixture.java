package org.hartlab.kernel.vm;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.bus.Ram;
import org.hartlab.core.bus.RamPhysicalMemory;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.proc.SpinLock;
import org.hartlab.mmu.PageTableInspector;
import org.hartlab.mmu.WalkTrace;

/**
 * A one-hart machine with the VM system on it, and a way to read page tables as the hardware would. Every fixture
 * a test makes is checked by the kernel's invariant checker after the test ({@link InvariantsHold}).
 */
final class VmFixture {
    private static final List<VmFixture> MADE = new CopyOnWriteArrayList<>();

    final Machine machine = new Machine(MachineConfig.defaults().withRamMiB(8), OutputStream.nullOutputStream());
    final Hart hart = machine.hart(0);
    final PhysicalPages pages = new PhysicalPages(machine.bus(), Ram.BASE + (1 << 20), Ram.BASE + (8 << 20));
    final SpinLock lock = new SpinLock("test", machine);
    final VmSystem vm;

    private final Map<String, VmMap> maps = new LinkedHashMap<>();

    VmFixture(CowStrategy strategy) {
        vm = new VmSystem(machine, pages, strategy, lock);
        hart.openPmp(); // as the kernel's harts have it: their MMU walks as S-mode
        VmSystem.enter(hart);
        MADE.add(this);
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
        VmMap map = new VmMap(new Sv39Pmap(machine.bus(), vm, asid), vm);
        maps.put("asid " + asid, map);
        return map;
    }

    /** fork of {@code parent} into a new address space {@code asid}, as the kernel does it. */
    VmMap fork(VmMap parent, int asid) {
        VmMap child = parent.fork(new Sv39Pmap(machine.bus(), vm, asid), hart);
        maps.put("asid " + asid, child);
        return child;
    }

    /** An address space is gone (its process exited): the checker no longer looks at it. */
    void destroy(VmMap map) {
        map.destroy(hart);
        maps.values().remove(map);
    }

    static void forgetMade() {
        MADE.clear();
    }

    /** The invariant violations of every fixture made since the last call, which forgets them. */
    static List<String> checkAllMade() {
        List<String> violations = new ArrayList<>();
        for (VmFixture f : MADE) {
            violations.addAll(VmInvariants.check(f.pages, f.maps, List.of(f.hart), VmInvariants.Strength.QUIESCENT));
        }
        MADE.clear();
        return violations;
    }

    WalkTrace walk(Pmap pmap, long va) {
        return PageTableInspector.walk(RamPhysicalMemory.readOnly(machine.bus().ram()), pmap.satp(), va);
    }
}
