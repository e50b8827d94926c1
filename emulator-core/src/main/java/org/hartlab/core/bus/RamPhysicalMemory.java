package org.hartlab.core.bus;

import org.hartlab.mmu.PhysicalMemory;

/**
 * Guest RAM as the page walker sees it: page tables live only in RAM, never in device space. The writable view
 * is the hardware walker's (Svadu sets A/D with compare-and-set); the read-only view is for inspection — a
 * debugger or a shell walking a table must never set A/D bits.
 */
public final class RamPhysicalMemory implements PhysicalMemory {
    private final Ram ram;
    private final boolean writable;

    private RamPhysicalMemory(Ram ram, boolean writable) {
        this.ram = ram;
        this.writable = writable;
    }

    public static PhysicalMemory forWalker(Ram ram) {
        return new RamPhysicalMemory(ram, true);
    }

    public static PhysicalMemory readOnly(Ram ram) {
        return new RamPhysicalMemory(ram, false);
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
        return writable && ram.compareAndSet64(pa, expected, updated);
    }
}
