package org.hartlab.kernel.syscall;

import org.hartlab.core.aclint.Mtimer;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.kernel.proc.RealTimer;
import org.hartlab.kernel.vm.UserMemory;

/**
 * getitimer and setitimer for ITIMER_REAL, on the process's {@link RealTimer}: the kernel sends SIGALRM when
 * guest time reaches it (checked at every trap, and the harts' timers are armed for it). A struct itimerval is
 * {it_interval, it_value}, each a struct timeval {tv_sec, tv_usec} of two longs. The CPU-time timers
 * (ITIMER_VIRTUAL, ITIMER_PROF) are not implemented: -ENOSYS, counted as unknown. Kernel lock.
 */
final class ITimers {
    static final int ITIMER_REAL = 0, ITIMER_VIRTUAL = 1, ITIMER_PROF = 2;
    private static final long TICKS_PER_MICRO = Mtimer.TICKS_PER_SECOND / Time.MICROS_PER_SECOND;

    private final Kernel kernel;
    private final Time time;

    ITimers(Kernel kernel, Time time) {
        this.kernel = kernel;
        this.time = time;
    }

    long getitimer(Proc p, UserMemory memory, long which, long current) {
        long supported = supported(which);
        if (supported != 0) {
            return supported;
        }
        try {
            store(p.realTimer(), memory, current);
            return 0;
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
    }

    /**
     * setitimer: arms the timer to fire after it_value and then every it_interval (a zero it_value disarms; as
     * Linux, a null new value disarms too), storing the old setting at {@code old} unless null.
     */
    long setitimer(Proc p, UserMemory memory, long which, long value, long old) {
        long supported = supported(which);
        if (supported != 0) {
            return supported;
        }
        long interval = 0, first = 0;
        try {
            if (value != 0) {
                interval = Time.readTimeval(memory, value);
                first = Time.readTimeval(memory, value + 16);
            }
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
        if (interval < 0 || first < 0) {
            return -Errno.EINVAL;
        }
        RealTimer timer = p.realTimer();
        try {
            if (old != 0) {
                store(timer, memory, old);
            }
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
        timer.arm(first == 0 ? RealTimer.DISARMED : time.ticksAfter(first), Time.ticks(interval));
        return 0;
    }

    private static long supported(long which) {
        if (which == ITIMER_VIRTUAL || which == ITIMER_PROF) {
            return -Errno.ENOSYS;
        }
        return which == ITIMER_REAL ? 0 : -Errno.EINVAL;
    }

    /** Stores the interval and the time left; an armed timer has at least 1 µs left, as Linux reports it. */
    private void store(RealTimer timer, UserMemory memory, long at) throws UserMemory.Fault {
        long left = 0;
        if (timer.expiresAt() != RealTimer.DISARMED) {
            left = Math.max(1, (timer.expiresAt() - kernel.machine().clock().now()) / TICKS_PER_MICRO);
        }
        writeTimeval(memory, at, timer.interval() / TICKS_PER_MICRO);
        writeTimeval(memory, at + 16, left);
    }

    private static void writeTimeval(UserMemory memory, long at, long micros) throws UserMemory.Fault {
        memory.write64(at, micros / Time.MICROS_PER_SECOND);
        memory.write64(at + 8, micros % Time.MICROS_PER_SECOND);
    }
}
