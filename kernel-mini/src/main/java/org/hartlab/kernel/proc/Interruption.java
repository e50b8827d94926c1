package org.hartlab.kernel.proc;

import org.hartlab.core.hart.Hart;

/**
 * How a system call sleeping in the kernel ends when a signal interrupts it: the value its a0 then holds, a
 * result or one of Linux's restart codes, which the signal delivery resolves (to -EINTR, or to the call run
 * again) once it knows whether a handler runs and with which flags. Asked under the kernel lock on the
 * interrupted thread's own hart, {@code self}, when it is about to return to user mode, as Linux's sleeper
 * finishes its system call when it runs again (nanosleep measures the time left then).
 */
@FunctionalInterface
public interface Interruption {
    /** Linux's restart codes (negated in a0), never seen by user code. */
    long ERESTARTSYS = 512, ERESTARTNOINTR = 513, ERESTARTNOHAND = 514, ERESTART_RESTARTBLOCK = 516;

    /** Restarted after a handler with SA_RESTART, else -EINTR (wait4, futex waits without timeout, reads). */
    Interruption RESTART = self -> -ERESTARTSYS;
    /** -EINTR after any handler (rt_sigsuspend, timed waits). */
    Interruption NO_RESTART = self -> -ERESTARTNOHAND;

    long result(Hart self);
}
