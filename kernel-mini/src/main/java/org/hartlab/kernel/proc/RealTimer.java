package org.hartlab.kernel.proc;

/**
 * A process's ITIMER_REAL (setitimer, and alarm, which glibc builds on it): when it next expires, in mtime
 * ticks, and the interval it reloads with (0: it fires once). A forked child starts disarmed (POSIX); execve
 * keeps it, as Linux does. Kernel lock.
 */
public final class RealTimer {
    public static final long DISARMED = -1;

    private long expiresAt = DISARMED;
    private long interval;

    /** The mtime at which it next fires, or {@link #DISARMED}. */
    public long expiresAt() {
        return expiresAt;
    }

    public long interval() {
        return interval;
    }

    /** Fires at {@code at}, then every {@code every} ticks (0: once); {@link #DISARMED} disarms it. */
    public void arm(long at, long every) {
        expiresAt = at;
        interval = at == DISARMED ? 0 : every;
    }

    /**
     * Whether it has expired by {@code now}; if so it is reloaded, past every expiry already missed (a signal
     * that is still pending would merge them anyway, as Linux's hrtimer_forward counts them as overruns), or
     * disarmed.
     */
    public boolean expire(long now) {
        if (expiresAt == DISARMED || Long.compareUnsigned(expiresAt, now) > 0) {
            return false;
        }
        if (interval == 0) {
            expiresAt = DISARMED;
        } else {
            expiresAt += ((now - expiresAt) / interval + 1) * interval;
        }
        return true;
    }
}
