package org.hartlab.tools.shell;

import java.util.List;
import org.hartlab.core.aclint.IpiDelay;
import org.hartlab.kernel.KernelCosts;
import org.hartlab.core.engine.Engine;
import org.hartlab.kernel.vm.CowStrategy;
import picocli.CommandLine.Option;

/**
 * The options of {@code boot} (and of {@code hartlab shell}, for the first boot). Each one given replaces that
 * setting; the others keep their current values, so {@code boot --seed 7} changes only the seed.
 */
final class BootOptions {
    @Option(names = "--harts", paramLabel = "N", description = "Number of harts, 1..64 (default 4).")
    Integer harts;

    @Option(names = "--ram", paramLabel = "MiB", description = "RAM size in MiB (default 128).")
    Integer ramMiB;

    @Option(names = "--strategy", paramLabel = "S", completionCandidates = Strategies.class,
            description = "Copy-on-write order: naive, two-stage (default), two-stage-mt (two stages only in multithreaded processes, as OpenBSD) or bbm.")
    String strategy;

    @Option(names = "--engine", paramLabel = "E", completionCandidates = Engines.class,
            description = "deterministic (default) or parallel.")
    String engine;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every random choice (default 1).")
    Long seed;

    @Option(names = "--ipi-delay", paramLabel = "MIN..MAX",
            description = "IPI delivery delay range in target-hart cycles (default " + KernelCosts.IPI_DELAY + ").")
    String ipiDelay;

    /** {@code base} with the options given replaced; throws IllegalArgumentException with a one-line reason. */
    BootSettings applyTo(BootSettings base) {
        return new BootSettings(
                harts == null ? base.harts() : harts,
                ramMiB == null ? base.ramMiB() : ramMiB,
                strategy == null ? base.strategy() : CowStrategy.parse(strategy),
                engine == null ? base.engine() : Engine.Kind.parse(engine),
                seed == null ? base.seed() : seed,
                ipiDelay == null ? base.ipiDelay() : IpiDelay.parse(ipiDelay));
    }

    static final class Strategies extends java.util.ArrayList<String> {
        Strategies() {
            super(List.of("naive", "two-stage", "two-stage-mt", "bbm"));
        }
    }

    static final class Engines extends java.util.ArrayList<String> {
        Engines() {
            super(List.of("deterministic", "parallel"));
        }
    }
}
