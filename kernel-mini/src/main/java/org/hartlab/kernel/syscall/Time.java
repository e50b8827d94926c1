package org.hartlab.kernel.syscall;

import org.hartlab.core.aclint.Mtimer;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.proc.Interruption;
import org.hartlab.kernel.proc.KThread;
import org.hartlab.kernel.proc.Scheduler;
import org.hartlab.kernel.signal.SignalCalls;
import org.hartlab.kernel.vm.UserMemory;
import org.hartlab.kernel.vm.VmMap;

/**
 * The time system calls: clock_gettime, clock_getres, gettimeofday, nanosleep, clock_nanosleep. Every clock is
 * guest time, mtime at its nominal rate, so the same seed reads the same times. CLOCK_REALTIME (and its coarse,
 * alarm and TAI variants) is that time plus a fixed boot epoch, {@link #EPOCH_SECONDS}; the monotonic, boot and
 * CPU-time clocks count from boot. A signal whose handler runs ends a sleep with EINTR; a relative one then
 * writes the time left, as Linux does.
 */
final class Time {
    /** The boot epoch: guest time 0 reads as 2026-01-01T00:00:00Z on CLOCK_REALTIME. */
    static final long EPOCH_SECONDS = 1_767_225_600L;
    static final long NANOS_PER_SECOND = 1_000_000_000L;
    static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long NANOS_PER_TICK = NANOS_PER_SECOND / Mtimer.TICKS_PER_SECOND;
    /** Ticks that stand for "forever": far beyond any run, and still safe to add to the current time. */
    private static final long FOREVER = Long.MAX_VALUE / 4;
    static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2;
    static final int CLOCK_THREAD_CPUTIME_ID = 3, CLOCK_REALTIME_COARSE = 5, CLOCK_BOOTTIME = 7;
    static final int CLOCK_REALTIME_ALARM = 8, CLOCK_TAI = 11;
    private static final int TIMER_ABSTIME = 1;

    private final Kernel kernel;

    Time(Kernel kernel) {
        this.kernel = kernel;
    }

    /** True for the clock ids Linux knows (0–11 but 10); dynamic (negative) ids are not supported. */
    static boolean valid(long clock) {
        return clock >= 0 && clock <= CLOCK_TAI && clock != 10;
    }

    private static boolean realtime(long clock) {
        return clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE || clock == CLOCK_REALTIME_ALARM
                || clock == CLOCK_TAI;
    }

    /** Guest time on {@code clock} in nanoseconds. */
    long nanos(long clock) {
        long sinceBoot = kernel.machine().clock().now() * NANOS_PER_TICK;
        return realtime(clock) ? EPOCH_SECONDS * NANOS_PER_SECOND + sinceBoot : sinceBoot;
    }

    /**
     * The mtime value at which {@code clock} reads {@code deadlineNanos}, rounded up so that a thread woken then
     * reads at least the deadline; at most {@link #FOREVER} from now.
     */
    long ticksAt(long clock, long deadlineNanos) {
        long sinceBoot = realtime(clock) ? deadlineNanos - EPOCH_SECONDS * NANOS_PER_SECOND : deadlineNanos;
        long now = kernel.machine().clock().now();
        if (sinceBoot <= 0) {
            return now;
        }
        return Math.min(ceilDiv(sinceBoot, NANOS_PER_TICK), now + FOREVER);
    }

    /** The mtime value {@code nanos} from now, rounded up. */
    long ticksAfter(long nanos) {
        return kernel.machine().clock().now() + ticks(nanos);
    }

    /** {@code nanos} as mtime ticks, rounded up, saturating far in the future. */
    static long ticks(long nanos) {
        return Math.min(ceilDiv(nanos, NANOS_PER_TICK), FOREVER);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /**
     * Reads a struct timespec {tv_sec, tv_nsec} as nanoseconds, saturating far in the future.
     *
     * @return the nanoseconds, or -1 when the timespec is invalid (negative, or tv_nsec not below 10^9)
     * @throws UserMemory.Fault when it cannot be read
     */
    static long readTimespec(UserMemory memory, long address) throws UserMemory.Fault {
        return readTime(memory, address, NANOS_PER_SECOND);
    }

    /** A struct timeval {tv_sec, tv_usec} as nanoseconds, as {@link #readTimespec} (-1: tv_usec not below 10^6). */
    static long readTimeval(UserMemory memory, long address) throws UserMemory.Fault {
        return readTime(memory, address, MICROS_PER_SECOND);
    }

    /** Seconds and a fraction counted {@code perSecond} to the second, as nanoseconds; -1 when invalid. */
    private static long readTime(UserMemory memory, long address, long perSecond) throws UserMemory.Fault {
        long sec = memory.read64(address);
        long fraction = memory.read64(address + 8);
        if (sec < 0 || fraction < 0 || fraction >= perSecond) {
            return -1;
        }
        return sec >= Long.MAX_VALUE / NANOS_PER_SECOND - 1 ? Long.MAX_VALUE / 2
                : sec * NANOS_PER_SECOND + fraction * (NANOS_PER_SECOND / perSecond);
    }

    long clockGettime(UserMemory memory, long clock, long ts) {
        if (!valid(clock)) {
            return -Errno.EINVAL;
        }
        long nanos = nanos(clock);
        try {
            memory.write64(ts, nanos / NANOS_PER_SECOND);
            memory.write64(ts + 8, nanos % NANOS_PER_SECOND);
            return 0;
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
    }

    /** clock_getres: one mtime tick on every clock; a null pointer only validates the clock. */
    long clockGetres(UserMemory memory, long clock, long ts) {
        if (!valid(clock)) {
            return -Errno.EINVAL;
        }
        try {
            if (ts != 0) {
                memory.write64(ts, 0);
                memory.write64(ts + 8, NANOS_PER_TICK);
            }
            return 0;
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
    }

    /** gettimeofday: CLOCK_REALTIME in microseconds; the timezone, when asked for, is UTC (all zeros). */
    long gettimeofday(UserMemory memory, long tv, long tz) {
        long nanos = nanos(CLOCK_REALTIME);
        try {
            if (tv != 0) {
                memory.write64(tv, nanos / NANOS_PER_SECOND);
                memory.write64(tv + 8, nanos % NANOS_PER_SECOND / 1000);
            }
            if (tz != 0) {
                memory.write64(tz, 0);
            }
            return 0;
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
    }

    /** rt_sigtimedwait: its timeout becomes a deadline here (EFAULT, EINVAL as Linux), the wait is the signals'. */
    long rtSigtimedwait(Hart hart, KThread t, UserMemory memory, SignalCalls signals, long[] a) {
        long wakeAt = SignalCalls.NO_TIMEOUT;
        if (a[2] != 0) {
            long nanos;
            try {
                nanos = readTimespec(memory, a[2]);
            } catch (UserMemory.Fault e) {
                return -Errno.EFAULT;
            }
            if (nanos < 0) {
                return -Errno.EINVAL;
            }
            wakeAt = ticksAfter(nanos);
        }
        return signals.rtSigtimedwait(hart, t, memory, a[0], a[1], wakeAt, a[3]);
    }

    /** nanosleep: a relative clock_nanosleep on CLOCK_MONOTONIC. */
    long nanosleep(Hart hart, UserMemory memory, long request, long remain) {
        return clockNanosleep(hart, memory, CLOCK_MONOTONIC, 0, request, remain);
    }

    /**
     * clock_nanosleep: sleeps in guest time until {@code clock} reaches the deadline (TIMER_ABSTIME) or for the
     * interval; the supervisor timer of some hart wakes the thread, which resumes after the ecall with a0 = 0.
     * As Linux: the thread CPU-time clock is EINVAL, a deadline already passed returns at once. Interrupted by a
     * signal, a relative sleep stores the time left in {@code remain} (when not null) once the thread runs
     * again; EFAULT if it cannot.
     */
    long clockNanosleep(Hart hart, UserMemory memory, long clock, long flags, long request, long remain) {
        if (!valid(clock) || clock == CLOCK_THREAD_CPUTIME_ID) {
            return -Errno.EINVAL;
        }
        long nanos;
        try {
            nanos = readTimespec(memory, request);
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
        if (nanos < 0) {
            return -Errno.EINVAL;
        }
        long wakeAt = (flags & TIMER_ABSTIME) != 0 ? ticksAt(clock, nanos) : ticksAfter(nanos);
        if (wakeAt <= kernel.machine().clock().now()) {
            return 0;
        }
        hart.setRegister(10, 0);
        boolean relative = (flags & TIMER_ABSTIME) == 0;
        VmMap map = kernel.scheduler().current(hart).proc().vmMap();
        kernel.scheduler().sleep(hart, new Scheduler.TimedWait(wakeAt), self -> {
            if (relative && remain != 0) {
                long left = Math.max(0, wakeAt - kernel.machine().clock().now()) * NANOS_PER_TICK;
                UserMemory own = new UserMemory(map, kernel.machine().bus(), self);
                try {
                    own.write64(remain, left / NANOS_PER_SECOND);
                    own.write64(remain + 8, left % NANOS_PER_SECOND);
                } catch (UserMemory.Fault e) {
                    return -Errno.EFAULT;
                }
            }
            return relative ? -Interruption.ERESTART_RESTARTBLOCK : -Interruption.ERESTARTNOHAND;
        });
        return 0;
    }
}
