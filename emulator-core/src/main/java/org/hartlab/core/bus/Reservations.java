package org.hartlab.core.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * LR/SC reservation sets, one per hart, each an aligned 8-byte granule. Any store or AMO by another hart that
 * touches a reserved granule invalidates that reservation, whatever value it writes: a same-value store must
 * still make the SC fail (no ABA).
 */
public final class Reservations {
    /** The hart id of a store made by host code (the kernel, a loader, a debugger): it breaks every reservation. */
    public static final int NO_HART = -1;

    private static final long NONE = -1;
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle ACTIVE;

    static {
        try {
            ACTIVE = MethodHandles.lookup().findVarHandle(Reservations.class, "active", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int STRIPES = 64;

    private final long[] granules;
    private final Object[] stripes = new Object[STRIPES];
    @SuppressWarnings("unused") // accessed through ACTIVE
    private volatile int active;

    Reservations(int harts) {
        granules = new long[harts];
        java.util.Arrays.fill(granules, NONE);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /** The lock that orders stores and SCs to the granule holding {@code pa}. */
    public Object stripe(long pa) {
        return stripes[(int) ((pa >>> 3) & (STRIPES - 1))];
    }

    /**
     * Runs {@code store} (of {@code bytes} at {@code pa} by {@code hartId}, or {@link #NO_HART}) so that it and the invalidation of
     * other harts' reservations on the granules it touches happen as one step with respect to SCs.
     */
    public void storeAtomically(long pa, int bytes, int hartId, Runnable store) {
        Object first = stripe(pa);
        Object last = stripe(pa + bytes - 1);
        if (first == last) {
            synchronized (first) {
                store.run();
                invalidateOthers(pa, bytes, hartId);
            }
            return;
        }
        // A misaligned store across two granules: take both locks in a fixed order.
        Object a = System.identityHashCode(first) < System.identityHashCode(last) ? first : last;
        Object b = a == first ? last : first;
        synchronized (a) {
            synchronized (b) {
                store.run();
                invalidateOthers(pa, bytes, hartId);
            }
        }
    }

    private static long granule(long pa) {
        return pa & ~7L;
    }

    /** Registers a reservation of the granule holding {@code pa} for {@code hartId} (LR). */
    public void reserve(int hartId, long pa) {
        long old = (long) SLOTS.getAndSet(granules, hartId, granule(pa));
        if (old == NONE) {
            ACTIVE.getAndAdd(this, 1);
        }
    }

    /** Drops {@code hartId}'s reservation and reports whether it still covered {@code pa} (SC). */
    public boolean consume(int hartId, long pa) {
        long old = (long) SLOTS.getAndSet(granules, hartId, NONE);
        if (old != NONE) {
            ACTIVE.getAndAdd(this, -1);
        }
        return old == granule(pa);
    }

    /** Drops {@code hartId}'s reservation, e.g. on a trap or an SC. */
    public void clear(int hartId) {
        if ((long) SLOTS.getAndSet(granules, hartId, NONE) != NONE) {
            ACTIVE.getAndAdd(this, -1);
        }
    }

    public boolean anyActive() {
        return (int) ACTIVE.getOpaque(this) != 0;
    }

    void invalidateOthers(long pa, int bytes, int hartId) {
        long first = granule(pa);
        long last = granule(pa + bytes - 1);
        for (int h = 0; h < granules.length; h++) {
            long g = (long) SLOTS.getVolatile(granules, h);
            if (h != hartId && g != NONE && (g == first || g == last)
                    && SLOTS.compareAndSet(granules, h, g, NONE)) {
                ACTIVE.getAndAdd(this, -1);
            }
        }
    }
}
