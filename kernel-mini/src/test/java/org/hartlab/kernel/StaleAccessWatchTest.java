package org.hartlab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.RunResult;
import org.hartlab.core.aclint.IpiDelay;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.kernel.vm.CowStrategy;
import org.hartlab.mmu.TlbEntryView;
import org.junit.jupiter.api.Test;

/**
 * A stale access is seen where it happens: the hart stops before the access, with the entry that served it in its
 * TLB while the page table maps the address elsewhere; watching does not change the run.
 */
class StaleAccessWatchTest {
    private record Stale(int hart, long pc, long va, long cachedPa, long tablePa, List<TlbEntryView> tlb) {
    }

    private static Machine machine() {
        return new Machine(MachineConfig.defaults().withHarts(4).withSeed(3)
                .withIpiDelay(IpiDelay.parse(KernelCosts.IPI_DELAY)), OutputStream.nullOutputStream());
    }

    @Test
    void theHartStopsBeforeTheAccessWithTheStaleEntryStillInItsTlb() throws Exception {
        Machine machine = machine();
        Kernel kernel = Kernel.boot(machine, CowStrategy.NAIVE);
        Proc proc = kernel.spawn(Programs.load("cow-race"), List.of("cow-race", "200"), List.of());
        AtomicReference<Stale> seen = new AtomicReference<>();
        for (Hart h : machine.harts()) {
            h.setStaleAccessWatch((hart, va, type, asid, cachedPa, tablePa) -> {
                seen.compareAndSet(null, new Stale(hart.id(), hart.pc(), va, cachedPa, tablePa,
                        hart.mmu().entries()));
                return true;
            });
        }
        RunResult r = kernel.run(2_000_000_000L);

        assertThat(r.outcome()).isEqualTo(RunResult.Outcome.BREAK);
        Stale s = seen.get();
        assertThat(s).isNotNull();
        assertThat(r.stoppedHart()).isEqualTo(s.hart());
        Hart hart = machine.hart(s.hart());
        assertThat(hart.pc()).as("stopped before the access: the instruction did not execute").isEqualTo(s.pc());
        assertThat(s.cachedPa()).isNotEqualTo(s.tablePa());
        long page = s.va() & ~0xFFFL;
        assertThat(s.tlb()).as("the entry that served it is cached at the stop")
                .anyMatch(e -> matches(e, page, s.cachedPa()));
        long mapped = proc.vmMap().pmap().extract(page);
        assertThat(mapped).as("the page table gives another page now").isNotEqualTo(s.cachedPa() & ~0xFFFL);
    }

    private static boolean matches(TlbEntryView e, long page, long cachedPa) {
        return e.virtualAddress() == page && e.physicalAddress() == (cachedPa & ~0xFFFL);
    }

    @Test
    void watchingCountsStaleAccessesWithoutChangingTheRun() throws Exception {
        Machine plain = machine();
        Kernel a = Kernel.boot(plain, CowStrategy.NAIVE);
        a.spawn(Programs.load("cow-race"), List.of("cow-race", "40"), List.of());
        RunResult unwatched = a.run(2_000_000_000L);

        Machine watched = machine();
        watched.watchStaleAccesses(false);
        Kernel b = Kernel.boot(watched, CowStrategy.NAIVE);
        b.spawn(Programs.load("cow-race"), List.of("cow-race", "40"), List.of());
        RunResult result = b.run(2_000_000_000L);

        assertThat(result).isEqualTo(unwatched);
        assertThat(watched.staleAccesses()).isPositive();
        assertThat(watched.staleStop()).isNull();
    }
}
