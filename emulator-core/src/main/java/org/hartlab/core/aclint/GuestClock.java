package org.hartlab.core.aclint;

import java.util.concurrent.atomic.LongAdder;

/**
 * Guest time (mtime) derived from retired instructions, so it is the same on every run of the same seed:
 * {@code mtime = offset + instructions retired by all harts / number of harts}.
 */
public final class GuestClock {
    private final int harts;
    /** Added to by every hart after every slice: a LongAdder, so the parallel engine's hart threads do not contend. */
    private final LongAdder retired = new LongAdder();
    private volatile long offset;

    public GuestClock(int harts) {
        this.harts = harts;
    }

    public long now() {
        return offset + retired.sum() / harts;
    }

    /** Counts instructions retired by some hart. */
    public void retired(long instructions) {
        retired.add(instructions);
    }

    /** A guest write to mtime. */
    public synchronized void set(long mtime) {
        offset = mtime - retired.sum() / harts;
    }

    /** Jumps forward to {@code mtime} (all harts asleep until a timer fires). */
    public synchronized void advanceTo(long mtime) {
        if (Long.compareUnsigned(mtime, now()) > 0) {
            set(mtime);
        }
    }
}
