package org.hartlab.core.aclint;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Guest time (mtime) derived from retired instructions, so it is the same on every run of the same seed:
 * {@code mtime = offset + instructions retired by all harts / number of harts}.
 */
public final class GuestClock {
    private final int harts;
    private final AtomicLong retired = new AtomicLong();
    private volatile long offset;

    public GuestClock(int harts) {
        this.harts = harts;
    }

    public long now() {
        return offset + retired.get() / harts;
    }

    /** Counts instructions retired by some hart. */
    public void retired(long instructions) {
        retired.addAndGet(instructions);
    }

    /** A guest write to mtime. */
    public synchronized void set(long mtime) {
        offset = mtime - retired.get() / harts;
    }

    /** Jumps forward to {@code mtime} (all harts asleep until a timer fires). */
    public synchronized void advanceTo(long mtime) {
        if (Long.compareUnsigned(mtime, now()) > 0) {
            set(mtime);
        }
    }
}
