package org.hartlab.core.hart;

import java.lang.foreign.MemorySegment;
import org.hartlab.core.bus.Bus;
import org.hartlab.core.bus.BusFault;
import org.hartlab.core.bus.Ram;
import org.hartlab.core.bus.Reservations;
import org.hartlab.mmu.AccessType;
import org.hartlab.mmu.Sv39Mmu;

/**
 * A hart's data side: loads, stores and the addresses of atomics, through its {@link MicroTlb}s to RAM, devices
 * and the bus's store watchers. Translation itself (privilege, satp, the MMU's faults) stays with the {@link Hart},
 * which tells this unit when its data accesses start or stop translating and when a debugger watches them.
 */
final class LoadStoreUnit {
    private final Hart hart;
    private final Bus bus;
    private final Ram ram;
    private final Reservations reservations;
    private final Sv39Mmu mmu;
    private final Pmp pmp;
    private final MicroTlb loadTlb = new MicroTlb();
    private final MicroTlb storeTlb = new MicroTlb();
    private boolean dataTranslated;
    /** The effective privilege of data accesses (MPRV applied), at which PMP checks them. */
    private int dataPriv = Privilege.MACHINE; // as harts come out of reset
    private DebugHooks debug;
    private boolean watched;

    LoadStoreUnit(Hart hart, Bus bus, Sv39Mmu mmu) {
        this.hart = hart;
        this.bus = bus;
        this.ram = bus.ram();
        this.reservations = bus.reservations();
        this.mmu = mmu;
        this.pmp = hart.csr.pmp;
    }

    /**
     * The translation context changed: data accesses now translate or not, PMP checks them at privilege {@code priv},
     * and no cached page is valid (a PMP CSR write comes here too, so no page stays cached that PMP now denies).
     */
    void setTranslated(boolean translated, int priv) {
        drainHits(); // counted under the context that is ending
        dataTranslated = translated;
        dataPriv = priv;
        loadTlb.clear();
        storeTlb.clear();
    }

    /** A debugger must see every access, so while it watches none may take the micro-TLBs' fast path. */
    void setDebugHooks(DebugHooks hooks) {
        debug = hooks;
        loadTlb.clear();
        storeTlb.clear();
    }

    /** While stale accesses are watched every access must meet the TLB: no micro-TLB serves any. */
    void setWatched(boolean on) {
        watched = on;
        loadTlb.clear();
        storeTlb.clear();
    }

    /** Books the micro-TLBs' hits as TLB hits when data accesses translate (in Bare mode there was no TLB). */
    void drainHits() {
        int n = loadTlb.drainHits() + storeTlb.drainHits();
        if (dataTranslated && n > 0) {
            mmu.countReusedHits(n);
        }
    }

    // The hit path is kept small enough for HotSpot to inline into translated code; everything else (a miss, a
    // debugger watching, a page-straddling or device access, active reservations) takes the *Miss methods.

    long load(long va, int size) {
        MicroTlb t = loadTlb;
        if (t.hit(va, size, mmu.dataEpoch())) {
            return t.load(va, size);
        }
        return loadMiss(va, size);
    }

    private long loadMiss(long va, int size) {
        if (debug != null && debug.stopBeforeAccess(hart, va, size, false)) {
            throw DebugStop.INSTANCE;
        }
        if (!dataTranslated) {
            protect(va, va, size, false);
            remember(loadTlb, va, va, size, false);
            return loadPhysical(va, va, size);
        }
        if ((va & 0xFFF) > 0x1000 - size) {
            long v = 0; // a misaligned access straddling two pages: each byte translates on its own
            for (int i = size - 1; i >= 0; i--) {
                long pa = hart.translate(va + i, AccessType.LOAD);
                protect(va + i, pa, 1, false);
                v = (v << 8) | (loadPhysical(va + i, pa, 1) & 0xFF);
            }
            return v;
        }
        long pa = hart.translate(va, AccessType.LOAD);
        protect(va, pa, size, false);
        remember(loadTlb, va, pa, size, false);
        return loadPhysical(va, pa, size);
    }

    /** Raises the access fault PMP gives an access of {@code size} bytes at {@code pa} (virtual {@code va}), if any. */
    private void protect(long va, long pa, int size, boolean write) {
        if (!pmp.permits(dataPriv, pa, size, write ? Pmp.W : Pmp.R)) {
            throw new Trap(write ? Cause.STORE_ACCESS_FAULT : Cause.LOAD_ACCESS_FAULT, va);
        }
    }

    /**
     * Caches in {@code micro} the page of an access that reaches RAM, unless a debugger must see every access or
     * PMP does not grant the access type on the whole page (a hit is never checked); a page nobody has written yet
     * is not cached for loads (it reads as zero, and has no chunk to point at), and a page whose stores the bus
     * must see (code, a device's mailbox) is not cached for stores.
     */
    private void remember(MicroTlb micro, long va, long pa, int size, boolean write) {
        if (debug == null && !watched && (va & 0xFFF) <= 0x1000 - size && ram.contains(pa & ~0xFFFL, 0x1000)
                && pmp.grantsPage(dataPriv, pa, write ? Pmp.W : Pmp.R)) {
            long flagEpoch = write ? bus.flagEpoch() : 0; // read before the flag: a flag set after moves it
            if (write && !bus.unflagged(pa)) {
                return;
            }
            MemorySegment chunk = ram.pageChunk(pa, write);
            if (chunk != null) {
                micro.fill(va, pa, chunk, mmu.dataEpoch(), flagEpoch);
            }
        }
    }

    private long loadPhysical(long va, long pa, int size) {
        if (ram.contains(pa, size)) {
            return switch (size) {
                case 8 -> ram.load64(pa);
                case 4 -> ram.load32(pa);
                case 2 -> ram.load16(pa);
                default -> ram.load8(pa);
            };
        }
        if ((pa & (size - 1)) != 0) {
            throw new Trap(Cause.LOAD_ACCESS_FAULT, va); // devices take only naturally aligned accesses
        }
        try {
            return bus.loadMmio(pa, size, hart.id());
        } catch (BusFault f) {
            throw new Trap(Cause.LOAD_ACCESS_FAULT, va);
        }
    }

    void store(long va, long value, int size) {
        MicroTlb t = storeTlb;
        // Checking for reservations before storing, without a lock, is enough: Reservations says why.
        if (t.hit(va, size, mmu.dataEpoch()) && !reservations.anyActive()) {
            long pa = t.store(va, value, size);
            if (bus.flagEpoch() != t.flagEpoch()) {
                t.clear(); // a page became flagged since the entries were filled: check this one, refill later
                afterStore(pa, size);
            }
            return;
        }
        storeMiss(va, value, size);
    }

    private void storeMiss(long va, long value, int size) {
        if (debug != null && debug.stopBeforeAccess(hart, va, size, true)) {
            throw DebugStop.INSTANCE;
        }
        if (!dataTranslated) {
            protect(va, va, size, true);
            remember(storeTlb, va, va, size, true);
            storePhysical(va, va, value, size);
            return;
        }
        if ((va & 0xFFF) > 0x1000 - size) {
            // Translate and check every byte before writing any, so a fault on the second page leaves memory unchanged.
            long[] pas = new long[size];
            for (int i = 0; i < size; i++) {
                pas[i] = hart.translate(va + i, AccessType.STORE);
                protect(va + i, pas[i], 1, true);
            }
            for (int i = 0; i < size; i++) {
                storePhysical(va + i, pas[i], value >>> (8 * i), 1);
            }
            return;
        }
        long pa = hart.translate(va, AccessType.STORE);
        protect(va, pa, size, true);
        remember(storeTlb, va, pa, size, true);
        storePhysical(va, pa, value, size);
    }

    private void storePhysical(long va, long pa, long value, int size) {
        if (ram.contains(pa, size)) {
            if (reservations.anyActive()) {
                reservations.storeAtomically(pa, size, hart.id(), () -> storeRam(pa, value, size));
            } else {
                storeRam(pa, value, size);
            }
            afterStore(pa, size);
            return;
        }
        if ((pa & (size - 1)) != 0) {
            throw new Trap(Cause.STORE_ACCESS_FAULT, va);
        }
        try {
            bus.storeMmio(pa, size, value, hart.id());
        } catch (BusFault f) {
            throw new Trap(Cause.STORE_ACCESS_FAULT, va);
        }
        hart.blockEnd = true; // a device store may end the run or raise an interrupt: stop where the interpreter would
    }

    /** Tells the bus's watchers about a store to RAM; a store to decoded code or a watched page ends the block. */
    void afterStore(long pa, int size) {
        if (bus.afterRamStore(pa, size, hart.id())) {
            hart.blockEnd = true;
        }
    }

    private void storeRam(long pa, long value, int size) {
        switch (size) {
            case 8 -> ram.store64(pa, value);
            case 4 -> ram.store32(pa, (int) value);
            case 2 -> ram.store16(pa, (short) value);
            default -> ram.store8(pa, (byte) value);
        }
    }

    /**
     * The physical address for an LR, SC or AMO: naturally aligned (else address-misaligned), translated with
     * store permission (LR with load permission), PMP's as well, and in RAM (devices do not support atomics:
     * access fault). PMP has no write-only entries, so an AMO's read needs no check of its own.
     */
    long atomicAddress(long va, int size, boolean loadReserved) {
        if (debug != null && debug.stopBeforeAccess(hart, va, size, !loadReserved)) {
            throw DebugStop.INSTANCE;
        }
        if ((va & (size - 1)) != 0) {
            throw new Trap(loadReserved ? Cause.LOAD_MISALIGNED : Cause.STORE_MISALIGNED, va);
        }
        long pa = dataTranslated ? hart.translate(va, loadReserved ? AccessType.LOAD : AccessType.STORE) : va;
        protect(va, pa, size, !loadReserved);
        if (!ram.contains(pa, size)) {
            throw new Trap(loadReserved ? Cause.LOAD_ACCESS_FAULT : Cause.STORE_ACCESS_FAULT, va);
        }
        return pa;
    }
}
