package org.hartlab.tools.shell;

import org.hartlab.core.MachineConfig;
import org.hartlab.core.aclint.IpiDelay;
import org.hartlab.kernel.KernelCosts;
import org.hartlab.core.engine.Engine;
import org.hartlab.kernel.vm.CowStrategy;

/**
 * What the shell boots: the machine and the kernel's copy-on-write strategy. The built-in default is the one
 * {@code hartlab run} uses: 4 harts, 128 MiB, two-stage, the deterministic engine, seed 1, IPI delay 1000..3000 cycles, realistic kernel costs.
 *
 * @param harts    number of harts
 * @param ramMiB   RAM in MiB (the kernel needs at least {@link #MIN_RAM_MIB})
 * @param strategy copy-on-write order
 * @param engine   deterministic or parallel
 * @param seed     seed of every random choice
 * @param ipiDelay IPI delivery delay range, in target-hart instructions
 */
record BootSettings(int harts, int ramMiB, CowStrategy strategy, Engine.Kind engine, long seed, IpiDelay ipiDelay) {
    static final int MIN_RAM_MIB = 4;

    BootSettings {
        config(harts, ramMiB, seed, engine, ipiDelay); // MachineConfig checks harts and RAM
        if (ramMiB < MIN_RAM_MIB) {
            throw new IllegalArgumentException("the kernel needs at least " + MIN_RAM_MIB + " MiB of RAM, got " + ramMiB);
        }
    }

    static BootSettings defaults() {
        return new BootSettings(4, 128, CowStrategy.TWO_STAGE, Engine.Kind.DETERMINISTIC, 1, IpiDelay.parse(KernelCosts.IPI_DELAY));
    }

    MachineConfig machineConfig() {
        return config(harts, ramMiB, seed, engine, ipiDelay);
    }

    private static MachineConfig config(int harts, int ramMiB, long seed, Engine.Kind engine, IpiDelay ipiDelay) {
        return MachineConfig.defaults().withHarts(harts).withRamMiB(ramMiB).withSeed(seed).withEngine(engine)
                .withIpiDelay(ipiDelay);
    }

    /** One line for the boot banner: "4 harts, 128 MiB, two-stage, deterministic engine, seed 1, ipi-delay 1000..3000". */
    String describe() {
        return "%d hart%s, %d MiB, %s, %s engine, seed %d, ipi-delay %s".formatted(harts, harts == 1 ? "" : "s",
                ramMiB, strategy, engine, seed, ipiDelay);
    }
}
