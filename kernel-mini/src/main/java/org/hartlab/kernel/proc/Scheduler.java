package org.hartlab.kernel.proc;

import java.util.ArrayDeque;
import java.util.Deque;
import org.hartlab.core.Machine;
import org.hartlab.core.aclint.Sswi;
import org.hartlab.core.hart.Csr;
import org.hartlab.core.hart.Hart;

/**
 * Places runnable threads on harts. First-come first-served from one run queue; a hart with nothing to run
 * sleeps in the kernel's idle loop (WFI in S-mode, translation off) until an SSWI IPI says there is work.
 * All methods run under the kernel lock.
 */
public final class Scheduler {
    private static final long SSTATUS_SPP = 1L << 8;
    private static final long SSTATUS_SPIE = 1L << 5;

    /** A time slice: how long a thread runs before a waiting one may take its hart (mtime ticks). */
    public static final long QUANTUM_TICKS = 10_000;
    private static final long NEVER = -1;

    /** The wait channel of a thread in nanosleep: woken by the timer once guest time reaches {@code wakeAt}. */
    public record TimedWait(long wakeAt) {
    }

    private final Machine machine;
    private final long idlePc;
    private final Deque<KThread> runQueue = new ArrayDeque<>();
    private final KThread[] current;
    /** When each hart's thread was switched in (mtime): its time slice runs from there. */
    private final long[] switchedIn;
    /** The address space whose ASID each hart may still cache, until it switches to another one or idles. */
    private final org.hartlab.kernel.vm.Pmap[] loaded;

    public Scheduler(Machine machine, long idlePc) {
        this.machine = machine;
        this.idlePc = idlePc;
        this.current = new KThread[machine.harts().size()];
        this.switchedIn = new long[machine.harts().size()];
        this.loaded = new org.hartlab.kernel.vm.Pmap[machine.harts().size()];
    }

    public KThread current(Hart hart) {
        return current[hart.id()];
    }

    /**
     * Queues {@code t} and wakes an idle hart (other than {@code self}, the hart doing this, or null from
     * outside the machine) to take it.
     */
    public void makeRunnable(KThread t, Hart self) {
        t.setState(KThread.State.RUNNABLE);
        t.signals().setAwaited(0); // whatever woke an rt_sigtimedwait, its wait is over
        runQueue.addLast(t);
        for (Hart h : machine.harts()) {
            if (h != self && current[h.id()] == null) {
                machine.bus().storeMmio(Sswi.BASE + 4L * h.id(), 4, 1, self == null ? 0 : self.id());
                return;
            }
        }
    }

    /**
     * Puts the running thread of {@code hart} back at the end of the run queue (sched_yield, preemption). It is on
     * no hart while it waits: a kill or exit of its process must not count on it leaving this one.
     */
    public void requeue(Hart hart) {
        KThread t = current[hart.id()];
        if (t != null && t.state() == KThread.State.RUNNING) {
            t.saveFrom(hart);
            t.setHart(null);
            current[hart.id()] = null;
            t.setState(KThread.State.RUNNABLE);
            runQueue.addLast(t);
        }
    }

    /**
     * Takes the running thread off {@code hart} to sleep on {@code channel}; its registers are saved with pc =
     * sepc, so the caller decides where it resumes (at the ecall, to restart the system call). A signal may end
     * the sleep as {@link Interruption#RESTART} says.
     */
    public void sleep(Hart hart, Object channel) {
        sleep(hart, channel, Interruption.RESTART);
    }

    /** As {@link #sleep(Hart, Object)}, a signal ending the sleep as {@code interruption} says. */
    public void sleep(Hart hart, Object channel, Interruption interruption) {
        KThread t = current[hart.id()];
        t.saveFrom(hart);
        t.setState(KThread.State.SLEEPING);
        t.setChannel(channel);
        t.setInterruption(interruption);
        t.setHart(null);
        current[hart.id()] = null;
        if (interruption != null && t.signalPending()) {
            // As Linux's signal_pending_state: a signal sent before this sleep began ends it now. Its sender saw
            // the thread running and only sent an IPI, which may land after the sleep; a second send of a standard
            // signal merges into the pending one; so nothing else would ever wake the thread for it.
            interrupt(t, hart);
        }
    }

    /**
     * A signal for {@code t}: if it sleeps in a system call, the sleep ends (whatever it waited for is forgotten)
     * and the thread resumes after the ecall with the result its {@link Interruption} gives once it runs.
     * Returns whether it slept.
     */
    public boolean interrupt(KThread t, Hart self) {
        if (t.state() != KThread.State.SLEEPING || t.interruption() == null) {
            return false;
        }
        t.resumeInterrupted();
        t.setChannel(null);
        makeRunnable(t, self);
        return true;
    }

    /** Makes every thread sleeping on {@code channel} runnable; returns how many (at most {@code max}). */
    public int wakeup(Object channel, int max, java.util.Collection<KThread> candidates, Hart self) {
        int woken = 0;
        for (KThread t : candidates) {
            if (woken < max && t.state() == KThread.State.SLEEPING && channel.equals(t.channel())) {
                t.setChannel(null);
                makeRunnable(t, self);
                woken++;
            }
        }
        return woken;
    }

    /** Forgets the thread on {@code hart} (it exited). */
    public void retire(Hart hart) {
        KThread t = current[hart.id()];
        if (t != null) {
            t.setHart(null);
        }
        current[hart.id()] = null;
    }

    /**
     * Chooses what {@code hart} runs when it leaves the kernel: the thread it was running if that one can go on,
     * else the next runnable thread, else the idle loop. Leaves sepc, sstatus and satp set for the return.
     * Returns whether it switched a thread in from the run queue (perhaps the one that just slept there).
     */
    public boolean dispatch(Hart hart) {
        KThread running = current[hart.id()];
        if (running != null && running.state() == KThread.State.RUNNING) {
            return false;
        }
        KThread next = runQueue.pollFirst();
        while (next != null && next.state() == KThread.State.EXITED) {
            next = runQueue.pollFirst(); // killed while it waited for a hart
        }
        if (next == null) {
            idle(hart);
            return false;
        }
        current[hart.id()] = next;
        switchedIn[hart.id()] = machine.clock().now();
        next.setState(KThread.State.RUNNING);
        next.setHart(hart);
        switchAddressSpace(hart, next.proc().vmMap().pmap());
        next.restoreTo(hart);
        return true;
    }

    /** Leaves the previous address space's active set when the hart moves to another one (or to none). */
    private void switchAddressSpace(Hart hart, org.hartlab.kernel.vm.Pmap next) {
        org.hartlab.kernel.vm.Pmap previous = loaded[hart.id()];
        if (previous != null && previous != next) {
            previous.deactivate(hart);
        }
        loaded[hart.id()] = next;
    }

    /**
     * Arms {@code hart}'s supervisor timer (Sstc): the end of the running thread's time slice, or — for an idle
     * hart — the earliest nanosleep wake-up, whichever comes first; never, if neither applies.
     */
    public void armTimer(Hart hart, long earliestWake) {
        long now = machine.clock().now();
        long slice = current[hart.id()] != null ? now + QUANTUM_TICKS : NEVER;
        long at = Long.compareUnsigned(slice, earliestWake) <= 0 ? slice : earliestWake;
        hart.csrs().write(Csr.STIMECMP, at);
    }

    /**
     * True once the thread on {@code hart} has had a whole time slice since it was switched in. A timer interrupt
     * that only wakes a sleeper preempts no thread before that, as Linux's wakeup granularity: else a thread
     * that sleeps for less than a context switch takes would take the hart back before the other ran a single
     * instruction, and the two would switch for ever (a livelock of one hart).
     */
    public boolean sliceUsed(Hart hart) {
        return machine.clock().now() - switchedIn[hart.id()] >= QUANTUM_TICKS;
    }

    /** True if a thread waits for a hart (so preempting the running one is worthwhile). */
    public boolean othersWaiting() {
        return !runQueue.isEmpty();
    }

    private void idle(Hart hart) {
        current[hart.id()] = null;
        switchAddressSpace(hart, null);
        hart.csrs().write(Csr.SATP, 0);
        hart.csrs().setSepc(idlePc);
        long sstatus = hart.csrs().read(Csr.SSTATUS);
        hart.csrs().write(Csr.SSTATUS, sstatus | SSTATUS_SPP | SSTATUS_SPIE);
    }


}
