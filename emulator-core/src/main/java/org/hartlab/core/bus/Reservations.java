package org.hartlab.core.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * LR/SC reservation sets, one per hart, each an aligned 8-byte granule. An SC must fail when any store to its
 * granule by someone else (a hart's store, AMO or SC, host code such as the kernel or a debugger) is ordered
 * between its LR and it, whatever value that store wrote: a same-value store must still make the SC fail (no
 * ABA).
 *
 * <p>How every store keeps that rule, with no lock and no fence that costs anything on x86 on the store hit path
 * while no reservation exists:
 * <ul>
 * <li>A store that finds a reservation active ({@link #anyActive}) runs under its granule's stripe lock together
 *     with dropping the others' reservations on that granule ({@link #storeAtomically}); an SC checks its
 *     reservation and writes under the same lock ({@link #storeConditional}), so such a store is wholly before the
 *     SC's check (the SC fails) or wholly after its write.
 * <li>A store that finds none active stores without the lock, and may land after an LR that registered meanwhile.
 *     The SC catches a different value by compare-and-set against what its LR read. A store of the same value is
 *     not caught, and need not be: it can only be ordered after the LR if the storer (a hart, or a host thread)
 *     saw something the LR's hart did after its LR, but a reservation is registered with a full fence before
 *     anything after the LR, and {@link #anyActive} reads after every earlier load of the storer and before its
 *     store, so that storer would have seen the reservation and taken the first path. Unordered with the LR, the
 *     store can be ordered before the LR's read, which then read the value it wrote: the run is one the rule
 *     allows.
 * </ul>
 * The LR's own read comes before its registration (see the A extension's LR); a store between the two finds no
 * reservation, and the same argument applies to it.
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
    private Object stripe(long pa) {
        return stripes[(int) ((pa >>> 3) & (STRIPES - 1))];
    }

    /**
     * Runs {@code store} (of {@code bytes} at {@code pa} by {@code hartId}, or {@link #NO_HART}) so that it and the
     * invalidation of other harts' reservations on the granules it touches happen as one step with respect to SCs.
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

    /**
     * Registers a reservation of the granule holding {@code pa} for {@code hartId} (LR). Both updates are full-fence
     * atomics: anything the hart does after its LR is ordered after the reservation is visible.
     */
    public void reserve(int hartId, long pa) {
        long old = (long) SLOTS.getAndSet(granules, hartId, granule(pa));
        if (old == NONE) {
            ACTIVE.getAndAdd(this, 1);
        }
    }

    /**
     * SC of {@code bytes} (4 or 8) at {@code pa} by {@code hartId}, whose LR read {@code expected}: drops the
     * reservation and, if it still covered {@code pa} and the word still holds {@code expected}, writes
     * {@code value} and breaks the other harts' reservations on the granule (a successful SC is a store). Returns
     * whether it wrote.
     */
    public boolean storeConditional(int hartId, long pa, int bytes, long expected, long value, Ram ram) {
        synchronized (stripe(pa)) {
            long old = (long) SLOTS.getAndSet(granules, hartId, NONE);
            if (old == NONE) {
                return false;
            }
            ACTIVE.getAndAdd(this, -1);
            boolean stored = old == granule(pa) && (bytes == 4
                    ? ram.compareAndSet32(pa, (int) expected, (int) value)
                    : ram.compareAndSet64(pa, expected, value));
            if (stored) {
                invalidateOthers(pa, bytes, hartId);
            }
            return stored;
        }
    }

    /** Drops {@code hartId}'s reservation, e.g. on a trap or an SC. */
    public void clear(int hartId) {
        if ((long) SLOTS.getAndSet(granules, hartId, NONE) != NONE) {
            ACTIVE.getAndAdd(this, -1);
        }
    }

    /**
     * True if some hart holds a reservation; a store that sees false may skip {@link #storeAtomically}. The read
     * comes after every earlier load of the calling thread and before every later access (a load-load fence, then
     * an acquire read: on x86 both cost nothing), which the class comment's argument needs.
     */
    public boolean anyActive() {
        VarHandle.loadLoadFence();
        return (int) ACTIVE.getAcquire(this) != 0;
    }

    private void invalidateOthers(long pa, int bytes, int hartId) {
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
