package org.hartlab.core;

import org.hartlab.mmu.TlbConfig;

/**
 * Everything that defines a machine before it runs. Two machines built from equal configs, loaded with the
 * same program, run identically under the deterministic engine.
 *
 * @param harts   number of harts, 1..64
 * @param ramMiB  RAM size in MiB at 0x8000_0000
 * @param seed    seed of every random choice (scheduling quanta)
 * @param quantum mean number of instructions a hart runs before the deterministic engine switches
 * @param tlb     per-hart TLB geometry
 */
public record MachineConfig(int harts, int ramMiB, long seed, int quantum, TlbConfig tlb) {
    public static final int MAX_HARTS = 64;
    public static final int MAX_RAM_MIB = 16 * 1024;

    public MachineConfig {
        if (harts < 1 || harts > MAX_HARTS) {
            throw new IllegalArgumentException("harts must be 1.." + MAX_HARTS + ", got " + harts);
        }
        if (ramMiB < 1 || ramMiB > MAX_RAM_MIB) {
            throw new IllegalArgumentException("ram must be 1.." + MAX_RAM_MIB + " MiB, got " + ramMiB);
        }
        if (quantum < 1) {
            throw new IllegalArgumentException("quantum must be positive, got " + quantum);
        }
    }

    public static MachineConfig defaults() {
        return new MachineConfig(1, 128, 1, 1000, TlbConfig.defaults());
    }

    public MachineConfig withHarts(int n) {
        return new MachineConfig(n, ramMiB, seed, quantum, tlb);
    }

    public MachineConfig withRamMiB(int mib) {
        return new MachineConfig(harts, mib, seed, quantum, tlb);
    }

    public MachineConfig withSeed(long s) {
        return new MachineConfig(harts, ramMiB, s, quantum, tlb);
    }
}
