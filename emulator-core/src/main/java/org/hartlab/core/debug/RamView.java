package org.hartlab.core.debug;

import org.hartlab.core.Machine;
import org.hartlab.core.bus.Ram;
import org.hartlab.mmu.PhysicalMemory;

/** Read-only view of guest RAM for page-table inspection: walking a table must never set A/D bits. */
final class RamView implements PhysicalMemory {
    private final Ram ram;

    RamView(Machine machine) {
        this.ram = machine.bus().ram();
    }

    @Override
    public boolean isRam(long pa, int size) {
        return ram.contains(pa, size);
    }

    @Override
    public long load64(long pa) {
        return ram.load64(pa);
    }

    @Override
    public boolean compareAndSet64(long pa, long expected, long updated) {
        return false;
    }
}
