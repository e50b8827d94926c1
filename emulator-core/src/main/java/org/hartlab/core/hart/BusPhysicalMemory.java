package org.hartlab.core.hart;

import org.hartlab.core.bus.Ram;
import org.hartlab.mmu.PhysicalMemory;

/** The page walker's view of guest RAM: page tables live only in RAM, never in device space. */
final class BusPhysicalMemory implements PhysicalMemory {
    private final Ram ram;

    BusPhysicalMemory(Ram ram) {
        this.ram = ram;
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
        return ram.compareAndSet64(pa, expected, updated);
    }
}
