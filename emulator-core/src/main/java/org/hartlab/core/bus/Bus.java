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
 *
 * <p>Host code (the kernel, loaders, a debugger) stores into guest RAM only through {@link #store64},
 * {@link #write}, {@link #zero} and {@link #copy}, never through {@link Ram} directly: they break the LR/SC
 * reservations on what they overwrite and tell the watchers, exactly as a hart's store does, so a reused frame or
 * a page copied over code never runs instructions decoded from its old contents.
 */
public final class Bus {
    public static final int PAGE_SHIFT = 12;
    /** The page holds instructions that have been decoded and cached. */
    public static final byte FLAG_CODE = 1;
    /** The page holds an address a device watches (HTIF's tohost). */
    public static final byte FLAG_WATCH = 2;
    private static final long PAGE_MASK = (1L << PAGE_SHIFT) - 1;

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
     * Must be called after every store of a hart that reached RAM (the store itself went through
     * {@link Reservations#storeAtomically} if reservations were active); cheap unless the page is flagged.
     * Returns true when the store landed on decoded code, so the storing hart can stop running stale decodes, or
     * on a watched page, whose watcher (HTIF's tohost) may have ended the run: the block must end there too.
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
        boolean endBlock = code;
        if ((flags & FLAG_WATCH) != 0) {
            for (StoreWatcher w : watchers) {
                w.stored(pa, bytes, hartId);
            }
            endBlock = true;
        }
        // A store straddling into the next page must flag that page's watchers too.
        long last = pa + bytes - 1;
        if ((last >>> PAGE_SHIFT) != (pa >>> PAGE_SHIFT) && ram.contains(last, 1)) {
            if ((flags(last) & FLAG_CODE) != 0) {
                codeWatcher.stored(last & ~PAGE_MASK, 1, hartId);
                endBlock = true;
            }
        }
        return endBlock;
    }

    // ---- stores by host code ----

    /** A single 64-bit store by host code (a PTE): naturally aligned, so no reader ever sees half of it. */
    public void store64(long pa, long value) {
        if ((pa & 7) != 0) {
            throw new IllegalArgumentException("bus: misaligned 64-bit store at 0x%x".formatted(pa));
        }
        hostStore(pa, 8, (at, n) -> put(at, n, value));
    }

    /** Copies {@code data[from, from+length)} into RAM at {@code pa}. */
    public void write(long pa, byte[] data, int from, int length) {
        if (length >= 0 && ram.contains(pa, length) && !reservations.anyActive()) {
            // In one copy: between this look at the reservations and the last byte stored, the host loads nothing
            // from guest memory, which is all the lock-free path needs of a store (see Reservations).
            ram.write(pa, data, from, length);
            afterHostStores(pa, pa + length);
            return;
        }
        hostStore(pa, length, (at, n) -> ram.write(at, data, from + (int) (at - pa), n));
    }

    /** Fills {@code length} bytes at {@code pa} with zeros (a frame handed out again). */
    public void zero(long pa, int length) {
        hostStore(pa, length, (at, n) -> put(at, n, 0));
    }

    /** Copies {@code length} bytes from {@code from} to {@code to}; the two ranges must not overlap. */
    public void copy(long from, long to, int length) {
        if (!ram.contains(from, length) || (from < to + length && to < from + length)) {
            throw new IllegalArgumentException("bus: cannot copy %d bytes 0x%x -> 0x%x".formatted(length, from, to));
        }
        hostStore(to, length, (at, n) -> put(at, n, take(from + (at - to), n)));
    }

    /** Stores the low {@code n} bytes of {@code v} at {@code pa}, little-endian: a whole granule as one store. */
    private void put(long pa, int n, long v) {
        if (n == 8) {
            ram.store64(pa, v);
            return;
        }
        for (int k = 0; k < n; k++) {
            ram.store8(pa + k, (byte) (v >>> (8 * k)));
        }
    }

    /** The {@code n} bytes at {@code pa} as {@link #put} stores them. */
    private long take(long pa, int n) {
        if (n == 8) {
            return ram.load64(pa);
        }
        long v = 0;
        for (int k = n - 1; k >= 0; k--) {
            v = (v << 8) | (ram.load8(pa + k) & 0xFF);
        }
        return v;
    }

    /** Stores the bytes {@code [pa, pa+n)} of a host store; they lie in one reservation granule. */
    @FunctionalInterface
    private interface HostPiece {
        void store(long pa, int n);
    }

    /**
     * Runs a host store of {@code length} bytes at {@code pa} granule by granule, each as a hart's store would run
     * it (under the reservation lock while any reservation is active, breaking every hart's reservation on it),
     * then tells the watchers of each page it touched.
     */
    private void hostStore(long pa, int length, HostPiece piece) {
        if (length < 0 || !ram.contains(pa, length)) {
            throw new IllegalArgumentException("bus: store of %d bytes at 0x%x is outside RAM".formatted(length, pa));
        }
        long end = pa + length;
        for (long at = pa; at < end; ) {
            long next = Math.min((at | 7) + 1, end);
            int n = (int) (next - at);
            if (reservations.anyActive()) {
                long granuleStart = at;
                reservations.storeAtomically(at, n, Reservations.NO_HART, () -> piece.store(granuleStart, n));
            } else {
                piece.store(at, n);
            }
            at = next;
        }
        afterHostStores(pa, end);
    }

    /** What follows host stores to [{@code pa}, {@code end}), page by page: code dropped, watchers told. */
    private void afterHostStores(long pa, long end) {
        for (long at = pa; at < end; ) {
            long next = Math.min((at | PAGE_MASK) + 1, end);
            afterRamStore(at, (int) (next - at), Reservations.NO_HART);
            at = next;
        }
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
