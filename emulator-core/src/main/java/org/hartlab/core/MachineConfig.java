package org.hartlab.core;

import org.hartlab.core.aclint.IpiDelay;
import org.hartlab.core.engine.Engine;
import org.hartlab.core.engine.ScheduleSpec;
import org.hartlab.mmu.TlbConfig;

/**
 * Everything that defines a machine before it runs. Two machines built from equal configs, loaded with the
 * same program, run identically under the deterministic engine.
 *
 * @param harts    number of harts, 1..64
 * @param ramMiB   RAM size in MiB at 0x8000_0000
 * @param seed     seed of every random choice (scheduling, IPI delays)
 * @param quantum  mean number of instructions a hart runs before the deterministic engine switches
 * @param tlb      per-hart TLB geometry
 * @param ipiDelay range of IPI delivery delays, in target-hart instructions
 * @param engine   which engine runs the harts
 * @param schedule how the deterministic engine chooses the next hart and slice (the parallel engine ignores it)
 */
public record MachineConfig(int harts, int ramMiB, long seed, int quantum, TlbConfig tlb, IpiDelay ipiDelay,
                            Engine.Kind engine, ScheduleSpec schedule) {
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
        if (schedule == null) {
            throw new IllegalArgumentException("a machine needs a schedule");
        }
    }

    public static MachineConfig defaults() {
        return new MachineConfig(1, 128, 1, 1000, TlbConfig.defaults(), IpiDelay.NONE, Engine.Kind.DETERMINISTIC,
                ScheduleSpec.UNIFORM);
    }

    public MachineConfig withHarts(int n) {
        return new MachineConfig(n, ramMiB, seed, quantum, tlb, ipiDelay, engine, schedule);
    }

    public MachineConfig withRamMiB(int mib) {
        return new MachineConfig(harts, mib, seed, quantum, tlb, ipiDelay, engine, schedule);
    }

    public MachineConfig withSeed(long s) {
        return new MachineConfig(harts, ramMiB, s, quantum, tlb, ipiDelay, engine, schedule);
    }

    public MachineConfig withQuantum(int q) {
        return new MachineConfig(harts, ramMiB, seed, q, tlb, ipiDelay, engine, schedule);
    }

    public MachineConfig withTlb(TlbConfig t) {
        return new MachineConfig(harts, ramMiB, seed, quantum, t, ipiDelay, engine, schedule);
    }

    public MachineConfig withIpiDelay(IpiDelay d) {
        return new MachineConfig(harts, ramMiB, seed, quantum, tlb, d, engine, schedule);
    }

    public MachineConfig withEngine(Engine.Kind e) {
        return new MachineConfig(harts, ramMiB, seed, quantum, tlb, ipiDelay, e, schedule);
    }

    public MachineConfig withSchedule(ScheduleSpec s) {
        return new MachineConfig(harts, ramMiB, seed, quantum, tlb, ipiDelay, engine, s);
    }
}
