package org.hartlab.core.aclint;

import java.util.Arrays;
import java.util.List;
import org.hartlab.core.bus.BusFault;
import org.hartlab.core.bus.MmioDevice;
import org.hartlab.core.hart.Cause;
import org.hartlab.core.hart.Hart;

/**
 * ACLINT MTIMER at the CLINT-compatible offsets: {@code mtimecmp} per hart at +0x0 (relative to 0x0200_4000)
 * and the shared {@code mtime} at +0x7FF8. Guest time is counted in instructions, not host seconds, so runs
 * are reproducible: mtime advances by one tick per instruction retired by an average hart
 * ({@link #TICKS_PER_SECOND} is the nominal rate a guest should assume). MTIP is level-triggered and
 * re-evaluated at each slice boundary; the engine ends slices at the tick where a comparator would fire.
 */
public final class Mtimer implements MmioDevice {
    public static final long BASE = 0x0200_4000L;
    /** Nominal frequency for guests: 10 MHz, i.e. a hart is modelled as running 10 M instructions per second. */
    public static final long TICKS_PER_SECOND = 10_000_000L;
    private static final long MTIME_OFFSET = 0x7FF8;
    private static final long MTIP = 1L << Cause.MTI;

    private final List<Hart> harts;
    private final long[] mtimecmp;
    private final GuestClock clock;

    public Mtimer(List<Hart> harts, GuestClock clock) {
        this.harts = harts;
        this.clock = clock;
        this.mtimecmp = new long[harts.size()];
        Arrays.fill(mtimecmp, -1L); // never fires until programmed
    }

    @Override
    public String name() {
        return "aclint-mtimer";
    }

    @Override
    public long base() {
        return BASE;
    }

    @Override
    public long size() {
        return 0x8000;
    }

    @Override
    public synchronized long load(long offset, int bytes, int hartId) {
        return field(offset, bytes) >>> (8 * (offset & 7));
    }

    @Override
    public synchronized void store(long offset, int bytes, long value, int hartId) {
        long old = field(offset, bytes);
        int shift = (int) (8 * (offset & 7));
        long mask = (bytes == 8 ? -1L : 0xFFFF_FFFFL) << shift;
        long updated = (old & ~mask) | ((value << shift) & mask);
        if ((offset & ~7L) == MTIME_OFFSET) {
            clock.set(updated);
        } else {
            int target = (int) (offset >>> 3);
            mtimecmp[target] = updated;
            update(harts.get(target));
        }
    }

    private long field(long offset, int bytes) {
        boolean aligned = (bytes == 8 && offset % 8 == 0) || (bytes == 4 && offset % 4 == 0);
        if (!aligned) {
            throw BusFault.INSTANCE;
        }
        long word = offset & ~7L;
        if (word == MTIME_OFFSET) {
            return clock.now();
        }
        if (word / 8 >= harts.size()) {
            throw BusFault.INSTANCE;
        }
        return mtimecmp[(int) (word / 8)];
    }

    /**
     * Sets or clears {@code hart}'s MTIP from the current time and returns the number of ticks until its
     * comparator fires ({@link Long#MAX_VALUE} if it is already pending or not armed).
     */
    public synchronized long update(Hart hart) {
        long now = clock.now();
        long cmp = mtimecmp[hart.id()];
        if (Long.compareUnsigned(now, cmp) >= 0) {
            hart.csrs().raise(MTIP);
            return Long.MAX_VALUE;
        }
        hart.csrs().lower(MTIP);
        long ticks = cmp - now; // unsigned: a comparator of 2^64-1 ("never") must not look like "now"
        return ticks < 0 ? Long.MAX_VALUE : ticks;
    }

    /** The earliest armed comparator of any hart, for an engine whose harts all sleep; -1 if none is armed. */
    public synchronized long earliestDeadline() {
        long earliest = -1;
        for (long cmp : mtimecmp) {
            if (Long.compareUnsigned(cmp, earliest) < 0) {
                earliest = cmp;
            }
        }
        return earliest;
    }
}
