package org.hartlab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import org.hartlab.core.Machine;
import org.hartlab.core.aclint.Sswi;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.proc.KThread;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.kernel.proc.Processes;
import org.hartlab.kernel.proc.Scheduler;
import org.hartlab.kernel.signal.Sig;
import org.hartlab.kernel.signal.SigInfo;
import org.hartlab.kernel.signal.Signals;

/**
 * What the host does to processes from outside the machine (the shell's kill and Ctrl-C), between runs: a kill
 * ends the process at once and leaves its threads to leave their harts at their next trap; what needs a hart (a
 * signal's delivery, freeing the memory of a process no hart runs) is queued and done at the next trap of any
 * hart, which an IPI brings about.
 */
final class HostSignals {
    private final Machine machine;
    private final Processes processes;
    private final Scheduler scheduler;
    private final Signals signals;
    /** Frees an exited process's address space on the hart given (the kernel's teardown). */
    private final BiConsumer<Hart, Proc> teardown;
    /** Processes killed while none of their threads was on a hart: freed at the next trap. */
    private final List<Proc> pendingDestroy = new ArrayList<>();
    /** Signals sent to process groups ({group, signal}), delivered at the next trap of any hart. */
    private final Queue<int[]> groupSignals = new ConcurrentLinkedQueue<>();

    HostSignals(Machine machine, Processes processes, Scheduler scheduler, Signals signals,
                BiConsumer<Hart, Proc> teardown) {
        this.machine = machine;
        this.processes = processes;
        this.scheduler = scheduler;
        this.signals = signals;
        this.teardown = teardown;
    }

    /**
     * Kills, as {@link #kill} does, every live process of process group {@code group} (a job started by
     * {@link Kernel#spawn} and every process forked from it since, orphans included): what the shell's second
     * Ctrl-C does to its foreground job. Call only while the machine is not running.
     *
     * @return how many processes it killed
     */
    int killProcessGroup(int group) {
        List<Proc> members = liveMembers(group);
        members.forEach(p -> kill(p.pid()));
        return members.size();
    }

    /** The live processes of process group {@code group}, a copy (killing or signalling them changes the table). */
    private List<Proc> liveMembers(int group) {
        return processes.all().values().stream().filter(p -> p.processGroup() == group && !p.exited()).toList();
    }

    /**
     * Kills process {@code pid} with SIGKILL from outside the machine (the shell); call only while the machine
     * is not running. Its threads leave their harts at their next trap (an IPI brings them in).
     *
     * @return false if there is no such live process
     */
    boolean kill(int pid) {
        machine.completeKernelWork(); // a debugger's stop may have left a hart half way through a syscall
        Proc p = processes.all().get(pid);
        if (p == null || p.exited()) {
            return false;
        }
        processes.exit(p, Sig.SIGKILL);
        p.files().closeAll(scheduler, null);
        boolean onHart = false;
        for (KThread t : p.threads()) {
            if (t.hart() != null) {
                onHart = true;
                machine.bus().storeMmio(Sswi.BASE + 4L * t.hart().id(), 4, 1, 0);
            }
        }
        if (!onHart) {
            pendingDestroy.add(p);
            machine.bus().storeMmio(Sswi.BASE, 4, 1, 0); // hart 0 frees it
        }
        for (Proc child : p.children()) {
            child.setParentGone();
        }
        return true;
    }

    /**
     * Sends {@code signal} to every live process of process group {@code group} from the host, as a terminal's
     * Ctrl-C sends SIGINT to its foreground job (si_code SI_KERNEL): a hart delivers it at its next trap (an IPI
     * to hart 0 brings one), so each process takes it as it would a kill(2): its handler runs, it is ignored or
     * blocked, or it ends the process. Returns how many live processes the group has; call while the machine is
     * not running.
     */
    int signalProcessGroup(int group, int signal) {
        groupSignals.add(new int[] {group, signal});
        machine.bus().storeMmio(Sswi.BASE, 4, 1, 0);
        return liveMembers(group).size();
    }

    /** At a trap of {@code hart}, under the kernel lock: what the host queued since the last one. */
    void atTrap(Hart hart) {
        destroyPending(hart);
        deliverGroupSignals(hart);
    }

    private void deliverGroupSignals(Hart hart) {
        int[] sent;
        while ((sent = groupSignals.poll()) != null) {
            for (Proc p : liveMembers(sent[0])) {
                signals.sendToProcess(hart, p, SigInfo.sentBy(sent[1], Sig.SI_KERNEL, 0));
            }
        }
    }

    private void destroyPending(Hart hart) {
        for (Proc p : pendingDestroy) {
            if (!p.vmDestroyed()) {
                teardown.accept(hart, p);
            }
        }
        pendingDestroy.clear();
    }
}
