package org.hartlab.kernel.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.bus.Ram;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.proc.SpinLock;
import org.hartlab.mmu.AccessType;
import org.hartlab.mmu.Translation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exact interleaving of the bug, step by step: hart A takes the COW fault on page X and publishes the copy;
 * before the shootdown completes, hart B (no TLB entry for X) stores x+1 through whatever the PTE now says, and
 * hart C, whose TLB still holds the pre-fork translation, reads x; then C's IPI lands and C reads x again.
 * Under the lock C's two reads must agree. Naive publishes the copy writable, so B's store lands in the copy
 * while C still reads the original: they differ. Two-stage (read-only copy) and break-before-make (no mapping)
 * make B's store fault until the shootdown is over.
 */
class CowInterleavingTest {
    private static final long X = 0x40_0000L;
    private static final long OTHER_WORD = X + 2048;

    @ParameterizedTest
    @EnumSource(CowStrategy.class)
    void cReadsAgreeUnlessTheCopyWasPublishedWritableBeforeTheShootdown(CowStrategy strategy) throws Exception {
        Machine machine = new Machine(MachineConfig.defaults().withHarts(3).withRamMiB(8), OutputStream.nullOutputStream());
        Hart a = machine.hart(0);
        Hart b = machine.hart(1);
        Hart c = machine.hart(2);
        machine.harts().forEach(Hart::openPmp); // as the kernel's harts have it: their MMUs walk as S-mode
        PhysicalPages pages = new PhysicalPages(machine.bus(), Ram.BASE + (1 << 20), Ram.BASE + (8 << 20));
        SpinLock lock = new SpinLock("kernel", machine);
        VmSystem vm = new VmSystem(machine, pages, strategy, lock);
        Ram ram = machine.bus().ram();

        // The process: page X resident and holding x = 5, mapped writable, running on hart A only.
        VmMap map = new VmMap(new Sv39Pmap(machine.bus(), vm, 1), vm);
        map.insert(X, X + VmMap.PAGE, Prot.READ | Prot.WRITE, "x");
        map.pmap().activate(a);
        VmSystem.enter(a);
        lock.lock(a, () -> { });
        VmFault.fault(vm, map, X, Prot.WRITE, a);
        lock.unlock(a);
        ram.store64(map.pmap().extract(X), 5);
        // fork: X becomes copy-on-write (shared with the child, write-protected).
        map.fork(new Sv39Pmap(machine.bus(), vm, 2), a);
        // Threads B and C now run on harts B and C; C reads x, caching X's translation.
        map.setMultiThreaded(() -> true);
        map.pmap().activate(b);
        map.pmap().activate(c);
        long satp = map.pmap().satp();
        assertThat(ram.load64(translate(c, X, AccessType.LOAD, satp))).isEqualTo(5);

        // Hart A writes another word of X: the COW fault, on A's own thread, waits for B's and C's acks.
        Thread faultOnA = Thread.ofPlatform().start(() -> {
            VmSystem.enter(a);
            lock.lock(a, () -> vm.shootdown().service(a));
            try {
                VmFault.fault(vm, map, OTHER_WORD, Prot.WRITE, a);
            } finally {
                lock.unlock(a);
            }
        });
        while (vm.shootdown().queued(c) == 0) {
            Thread.onSpinWait(); // A has published the copy and sent the IPIs; they have not landed yet
        }

        // B, under the lock, increments x through the page table as it is now.
        long forB = b.mmu().translate(X, AccessType.STORE, satp, true, false, false, false);
        boolean bStored = !Translation.isFault(forB);
        if (bStored) {
            ram.store64(forB, ram.load64(forB) + 1);
        }
        // C, under the same lock, reads x through its stale TLB entry...
        long first = ram.load64(translate(c, X, AccessType.LOAD, satp));
        // ...the IPIs land: B and C flush and acknowledge; A's fault completes...
        vm.shootdown().service(b);
        vm.shootdown().service(c);
        faultOnA.join();
        // ...and C reads x again, still under the lock.
        long second = ram.load64(translate(c, X, AccessType.LOAD, satp));

        if (strategy == CowStrategy.NAIVE) {
            assertThat(bStored).as("naive: B stores into the writable copy during the window").isTrue();
            assertThat(second).as("x changed under the lock: the violation").isNotEqualTo(first);
        } else {
            assertThat(bStored).as(strategy + ": B's store faults until the shootdown is over").isFalse();
            assertThat(second).isEqualTo(first);
        }
    }

    private static long translate(Hart hart, long va, AccessType type, long satp) {
        long pa = hart.mmu().translate(va, type, satp, true, false, false, false);
        assertThat(Translation.isFault(pa)).as("hart " + hart.id() + " " + type + " of 0x" + Long.toHexString(va)).isFalse();
        return pa;
    }
}
