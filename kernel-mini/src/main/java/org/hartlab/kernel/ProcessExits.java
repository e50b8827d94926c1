package org.hartlab.kernel;

import org.hartlab.core.Machine;
import org.hartlab.core.aclint.Sswi;
import org.hartlab.core.hart.Csr;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.proc.KThread;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.kernel.proc.Processes;
import org.hartlab.kernel.proc.Scheduler;
import org.hartlab.kernel.signal.Signals;

/**
 * How a process ends: its exit status recorded and files closed, its threads on other harts brought into the kernel
 * by an IPI, and, once the last of them has left its hart, its address space freed, which lets its parent reap it.
 * Runs under the kernel lock, on the hart of the thread that ends it (or, for a kill from outside, a hart's next
 * trap).
 */
final class ProcessExits {
    private final Machine machine;
    private final Processes processes;
    private final Scheduler scheduler;
    private final Signals signals;
    private final KernelCosts costs;

    ProcessExits(Machine machine, Processes processes, Scheduler scheduler, Signals signals, KernelCosts costs) {
        this.machine = machine;
        this.processes = processes;
        this.scheduler = scheduler;
        this.signals = signals;
        this.costs = costs;
    }

    /** See {@link Kernel#exitProcess}. */
    void exit(Hart hart, Proc p, int status) {
        if (p.exited()) {
            return;
        }
        processes.exit(p, status);
        p.files().closeAll(scheduler, hart); // pipe ends close: readers see the end, writers EPIPE
        for (KThread other : p.threads()) {
            Hart h = other.hart();
            if (h != null && h != hart) {
                // It runs elsewhere: an IPI brings it into the kernel, which retires it.
                machine.bus().storeMmio(Sswi.BASE + 4L * h.id(), 4, 1, hart.id());
            }
        }
        for (Proc child : p.children()) {
            child.setParentGone();
        }
        if (p.parent() != null) {
            scheduler.wakeup(p.parent(), Integer.MAX_VALUE, processes.allThreads(), hart);
        }
        KThread self = scheduler.current(hart);
        if (self != null && self.proc() == p) {
            retire(hart, self);
        }
        if (p.offAllHarts() && !p.vmDestroyed()) {
            teardown(hart, p); // killed by a signal from another process while none of its threads ran
        }
    }

    /** Ends {@code t}'s time on {@code hart}; the last thread of a dead process to leave frees its memory. */
    void retire(Hart hart, KThread t) {
        Proc p = t.proc();
        hart.csrs().write(Csr.SATP, 0);
        scheduler.retire(hart);
        if (p.exited() && p.offAllHarts() && !p.vmDestroyed()) {
            teardown(hart, p);
        }
    }

    /**
     * Frees the address space of exited process {@code p}, taking the guest time a teardown takes; then it can
     * be reaped: its parent's wait4 wakes and SIGCHLD is sent.
     */
    void teardown(Hart hart, Proc p) {
        p.markVmDestroyed();
        machine.spend(hart, costs.exitOf(p.vmMap().residentPages()));
        p.vmMap().destroy(hart);
        if (p.parent() != null) {
            scheduler.wakeup(p.parent(), Integer.MAX_VALUE, processes.allThreads(), hart);
            signals.childExited(hart, p);
        }
    }
}
