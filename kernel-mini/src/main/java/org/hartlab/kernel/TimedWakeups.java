package org.hartlab.kernel;

import java.util.List;
import org.hartlab.core.Machine;
import org.hartlab.core.aclint.Mtimer;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.proc.KThread;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.kernel.proc.Processes;
import org.hartlab.kernel.proc.Scheduler;
import org.hartlab.kernel.signal.Sig;
import org.hartlab.kernel.signal.SigInfo;
import org.hartlab.kernel.signal.Signals;

/**
 * What guest time ends: nanosleeps (threads sleeping on a {@link Scheduler.TimedWait}) and ITIMER_REAL alarms.
 * The kernel looks at both at every trap, under its lock, and arms the hart's timer for the earliest.
 */
final class TimedWakeups {
    /** How often, in guest time, the kernel looks at the host input while a thread waits for it (1 ms). */
    private static final long INPUT_POLL_TICKS = Mtimer.TICKS_PER_SECOND / 1000;

    private final Machine machine;
    private final Processes processes;
    private final Scheduler scheduler;
    private final Signals signals;

    TimedWakeups(Machine machine, Processes processes, Scheduler scheduler, Signals signals) {
        this.machine = machine;
        this.processes = processes;
        this.scheduler = scheduler;
        this.signals = signals;
    }

    /** Makes runnable every thread whose nanosleep is over; sends SIGALRM for every ITIMER_REAL that expired. */
    void wake(Hart hart) {
        long now = machine.clock().now();
        // No copy of the table on this path of every trap: a signal, even one that ends its process, adds or
        // removes no process (only wait4 reaps).
        for (Proc p : processes.all().values()) {
            if (!p.exited() && p.realTimer().expire(now)) {
                signals.sendToProcess(hart, p, new SigInfo(Sig.SIGALRM, Sig.SI_KERNEL, 0, 0));
            }
        }
        for (KThread t : processes.allThreads()) {
            Scheduler.TimedWait w = nanosleep(t);
            if (w != null && Long.compareUnsigned(w.wakeAt(), now) <= 0) {
                scheduler.wakeup(w, 1, List.of(t), hart);
            }
        }
    }

    /**
     * The earliest nanosleep wake-up of any thread or ITIMER_REAL expiry of any process, or -1 (never); while a
     * thread waits for host input ({@code inputAwaited}), at most {@link #INPUT_POLL_TICKS} from now, so that the
     * kernel looks at the host input again.
     */
    long earliest(boolean inputAwaited) {
        long earliest = inputAwaited ? machine.clock().now() + INPUT_POLL_TICKS : -1;
        for (Proc p : processes.all().values()) {
            long alarm = p.realTimer().expiresAt();
            if (!p.exited() && Long.compareUnsigned(alarm, earliest) < 0) {
                earliest = alarm;
            }
        }
        for (KThread t : processes.allThreads()) {
            Scheduler.TimedWait w = nanosleep(t);
            if (w != null && Long.compareUnsigned(w.wakeAt(), earliest) < 0) {
                earliest = w.wakeAt();
            }
        }
        return earliest;
    }

    /** The timed wait {@code t} sleeps in, or null when it is not sleeping on one. */
    private static Scheduler.TimedWait nanosleep(KThread t) {
        return t.state() == KThread.State.SLEEPING && t.channel() instanceof Scheduler.TimedWait w ? w : null;
    }
}
