package org.hartlab.kernel;

import org.hartlab.core.Machine;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.proc.KThread;
import org.hartlab.kernel.proc.Proc;

/**
 * Stops the machine where a user program reports a violation, as {@code hartlab stress} counts them: at its
 * {@code hartlab_mark} call (after it, so the mark is on the trace) or at an exit with a non-zero status (before
 * it, so every thread is still there to look at; the exit runs when the machine goes on). One-shot: armed again
 * for each stop wanted. A program killed by a fault or a signal does not stop the machine (the kernel reports it).
 * Guarded by the kernel lock, which the calls from system calls hold.
 */
public final class ViolationStop {
    private final Machine machine;
    private volatile boolean armed;
    private volatile String stop;

    ViolationStop(Machine machine) {
        this.machine = machine;
    }

    /** The next violation stops the machine (outcome BREAK). */
    public void arm() {
        armed = true;
    }

    public void disarm() {
        armed = false;
    }

    /** What the last stop was, and forgets it; null if the machine has not stopped at a violation since. */
    public String take() {
        String s = stop;
        stop = null;
        return s;
    }

    /** At {@code hartlab_mark(a, b)}, which has been recorded: stops if armed. */
    public void atMark(Hart hart, KThread t, long a, long b) {
        if (armed) {
            stopAt(hart, t, "hartlab_mark(%d, %d)".formatted(a, b));
        }
    }

    /**
     * Before an exit with {@code code}: returns true if the machine stops, and the caller then leaves the exit
     * for later (the thread re-executes its ecall when the machine goes on).
     */
    public boolean beforeExit(Hart hart, KThread t, String call, int code) {
        if (!armed || code == 0) {
            return false;
        }
        stopAt(hart, t, "%s(%d), before it ends the process".formatted(call, code));
        return true;
    }

    private void stopAt(Hart hart, KThread t, String what) {
        armed = false;
        Proc p = t.proc();
        stop = "hart %d, pid %d tid %d (%s): %s".formatted(hart.id(), p.pid(), t.tid(), p.name(), what);
        machine.debugBreak(hart);
    }
}
