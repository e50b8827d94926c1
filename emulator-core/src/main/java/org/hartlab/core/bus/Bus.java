package org.hartlab.core.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The physical address space shared by all harts: RAM at {@link Ram#BASE} plus memory-mapped devices.
 *
 * <p>Every RAM page carries a flag byte. A store to a flagged page takes a slow path that tells the watchers:
 * the decoded-instruction cache (so self-modifying code and loaders invalidate stale decodes), HTIF (so a
 * store to {@code tohost} is seen at once) and the LR/SC reservations. Unflagged pages cost one byte load
 * per store.
 */
public final class Bus {
    public static final int PAGE_SHIFT = 12;
    /** The page holds instructions that have been decoded and cached. */
    public static final byte FLAG_CODE = 1;
    /** The page holds an address a device watches (HTIF's tohost). */
    public static final byte FLAG_WATCH = 2;

    private static final VarHandle FLAGS = MethodHandles.arrayElementVarHandle(byte[].class);
    private static final VarHandle FLAG_EPOCH;

    static {
        try {
            FLAG_EPOCH = MethodHandles.lookup().findVarHandle(Bus.class, "flagEpoch", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Ram ram;
    private final byte[] pageFlags;
    @SuppressWarnings("unused") // accessed through FLAG_EPOCH
    private volatile long flagEpoch;
    private final List<MmioDevice> devices = new ArrayList<>();
    private final Reservations reservations;
    private StoreWatcher codeWatcher = (pa, bytes, hart) -> { };
    private final List<StoreWatcher> watchers = new ArrayList<>();

    public Bus(Ram ram, int harts) {
        this.ram = ram;
        this.pageFlags = new byte[(int) (ram.size() >>> PAGE_SHIFT)];
        this.reservations = new Reservations(harts);
    }

    public Ram ram() {
        return ram;
    }

    public Reservations reservations() {
        return reservations;
    }

    public void attach(MmioDevice device) {
        for (MmioDevice d : devices) {
            if (device.base() < d.base() + d.size() && d.base() < device.base() + device.size()) {
                throw new IllegalArgumentException("bus: " + device.name() + " overlaps " + d.name());
            }
        }
        devices.add(device);
    }

    public List<MmioDevice> devices() {
        return List.copyOf(devices);
    }

    /** Installs the one watcher told about stores to pages flagged {@link #FLAG_CODE}. */
    public void setCodeWatcher(StoreWatcher watcher) {
        this.codeWatcher = watcher;
    }

    /** Asks to be told about stores to the RAM page holding {@code pa}. */
    public void watch(long pa, StoreWatcher watcher) {
        if (!ram.contains(pa, 1)) {
            throw new IllegalArgumentException("bus: cannot watch 0x%x, it is not RAM".formatted(pa));
        }
        watchers.add(watcher);
        setFlag(pa, FLAG_WATCH);
    }

    public void setFlag(long pa, byte flag) {
        int page = (int) ((pa - Ram.BASE) >>> PAGE_SHIFT);
        byte old;
        do {
            old = (byte) FLAGS.getOpaque(pageFlags, page);
        } while (!FLAGS.compareAndSet(pageFlags, page, old, (byte) (old | flag)));
        FLAG_EPOCH.getAndAdd(this, 1L);
    }

    /** True when no store to the page of {@code pa} needs {@link #afterRamStore} now. */
    public boolean unflagged(long pa) {
        return flags(pa) == 0;
    }

    /** The flags of the RAM page holding {@code pa}, read opaquely: a flag another hart sets shows soon. */
    private byte flags(long pa) {
        return (byte) FLAGS.getOpaque(pageFlags, (int) ((pa - Ram.BASE) >>> PAGE_SHIFT));
    }

    /**
     * Moves whenever a page becomes flagged. A hart that skips {@link #afterRamStore} for pages it found unflagged
     * must check, after each such store, that this has not moved since it looked. An opaque read, as the flag
     * reads are: it sees a new value soon and is never hoisted out of a loop, but orders nothing else, which a
     * volatile read would make the hot store path pay for.
     */
    public long flagEpoch() {
        return (long) FLAG_EPOCH.getOpaque(this);
    }

    public void clearFlag(long pa, byte flag) {
        int page = (int) ((pa - Ram.BASE) >>> PAGE_SHIFT);
        byte old;
        do {
            old = (byte) FLAGS.getOpaque(pageFlags, page);
        } while (!FLAGS.compareAndSet(pageFlags, page, old, (byte) (old & ~flag)));
    }

    /**
     * Must be called after every store that reached RAM (the store itself went through
     * {@link Reservations#storeAtomically} if reservations were active); cheap unless the page is flagged.
     * Returns true when the store landed on decoded code, so the storing hart can stop running stale decodes.
     */
    public boolean afterRamStore(long pa, int bytes, int hartId) {
        byte flags = flags(pa);
        return flags != 0 && notifyWatchers(flags, pa, bytes, hartId);
    }

    private boolean notifyWatchers(byte flags, long pa, int bytes, int hartId) {
        boolean code = (flags & FLAG_CODE) != 0;
        if (code) {
            codeWatcher.stored(pa, bytes, hartId);
        }
        if ((flags & FLAG_WATCH) != 0) {
            for (StoreWatcher w : watchers) {
                w.stored(pa, bytes, hartId);
            }
        }
        // A store straddling into the next page must flag that page's watchers too.
        long last = pa + bytes - 1;
        if ((last >>> PAGE_SHIFT) != (pa >>> PAGE_SHIFT) && ram.contains(last, 1)) {
            if ((flags(last) & FLAG_CODE) != 0) {
                codeWatcher.stored(last & ~((1L << PAGE_SHIFT) - 1), 1, hartId);
                code = true;
            }
        }
        return code;
    }

    /** Loads from a device; throws {@link BusFault} if nothing is mapped at {@code pa}. */
    public long loadMmio(long pa, int bytes, int hartId) {
        MmioDevice d = deviceAt(pa, bytes);
        return d.load(pa - d.base(), bytes, hartId);
    }

    /** Stores to a device; throws {@link BusFault} if nothing is mapped at {@code pa}. */
    public void storeMmio(long pa, int bytes, long value, int hartId) {
        MmioDevice d = deviceAt(pa, bytes);
        d.store(pa - d.base(), bytes, value, hartId);
    }

    private MmioDevice deviceAt(long pa, int bytes) {
        for (MmioDevice d : devices) {
            long off = pa - d.base();
            if (off >= 0 && off <= d.size() - bytes) {
                return d;
            }
        }
        throw BusFault.INSTANCE;
    }
}
