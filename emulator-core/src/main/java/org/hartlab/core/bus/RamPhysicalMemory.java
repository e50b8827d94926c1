package org.hartlab.core.bus;

import org.hartlab.mmu.PhysicalMemory;

/**
 * Guest RAM as the page walker sees it: page tables live only in RAM, never in device space. The writable view
 * is the hardware walker's (Svadu sets A/D with compare-and-set); the read-only view is for inspection — a
 * debugger or a shell walking a table must never set A/D bits. An A/D update is a store by the walking hart: it
 * breaks other harts' reservations on the PTE and tells the bus's watchers, as the hart's own stores do.
 */
public final class RamPhysicalMemory implements PhysicalMemory {
    private final Ram ram;
    /** The bus the walker's updates go through; null for the read-only view. */
    private final Bus bus;
    private final int hartId;

    private RamPhysicalMemory(Ram ram, Bus bus, int hartId) {
        this.ram = ram;
        this.bus = bus;
        this.hartId = hartId;
    }

    /** The view of hart {@code hartId}'s page walker. */
    public static PhysicalMemory forWalker(Bus bus, int hartId) {
        return new RamPhysicalMemory(bus.ram(), bus, hartId);
    }

    public static PhysicalMemory readOnly(Ram ram) {
        return new RamPhysicalMemory(ram, null, Reservations.NO_HART);
    }

    @Override
    public boolean isRam(long pa, int size) {
        return ram.contains(pa, size);
    }

    @Override
    public long load64(long pa) {
        return ram.loadVolatile64(pa);
    }

    @Override
    public boolean compareAndSet64(long pa, long expected, long updated) {
        if (bus == null) {
            return false;
        }
        boolean stored;
        if (bus.reservations().anyActive()) {
            boolean[] result = new boolean[1];
            bus.reservations().storeAtomically(pa, 8, hartId,
                    () -> result[0] = ram.compareAndSet64(pa, expected, updated));
            stored = result[0];
        } else {
            stored = ram.compareAndSet64(pa, expected, updated);
        }
        if (stored) {
            bus.afterRamStore(pa, 8, hartId);
        }
        return stored;
    }
}
