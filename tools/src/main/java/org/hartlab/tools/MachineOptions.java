package org.hartlab.tools;

import org.hartlab.core.MachineConfig;
import org.hartlab.core.aclint.IpiDelay;
import org.hartlab.core.engine.Engine;
import org.hartlab.core.engine.ScheduleSpec;
import org.hartlab.kernel.KernelCosts;
import org.hartlab.mmu.TlbConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options that define a machine, shared by every command that builds one. Commands differ only in their
 * defaults for harts and IPI delay, which they pass to {@link #config}.
 */
final class MachineOptions {
    @Option(names = "--harts", paramLabel = "N", description = "Number of harts, 1..64 (bare: 1, run: 4).")
    Integer harts;

    @Option(names = "--ram", paramLabel = "MiB", description = "RAM size in MiB (default: ${DEFAULT-VALUE}).")
    int ramMiB = 128;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--engine", paramLabel = "E", description = "deterministic (default) or parallel.")
    String engine = "deterministic";

    @Option(names = "--schedule", paramLabel = "S",
            description = "How the deterministic engine picks harts: uniform or pct[:DEPTH[:STEPS]] (default: "
                    + "${DEFAULT-VALUE}; see the README's schedules).")
    String schedule = MachineConfig.defaults().schedule().toString();

    @Option(names = "--ipi-delay", paramLabel = "MIN..MAX",
            description = "IPI delivery delay range in target-hart cycles (bare: 0, run: "
                    + KernelCosts.IPI_DELAY + ").")
    String ipiDelay;

    @Option(names = "--tlb-entries", paramLabel = "N",
            description = "Entries per TLB array (default: ${DEFAULT-VALUE}).")
    int tlbEntries = TlbConfig.defaults().entries();

    @Option(names = "--tlb-ways", paramLabel = "N", description = "TLB associativity (default: ${DEFAULT-VALUE}).")
    int tlbWays = TlbConfig.defaults().ways();

    @Option(names = "--tlb-unified", description = "One TLB for fetches, loads and stores (default: fetch TLB + data TLB).")
    boolean tlbUnified;

    @Option(names = "--tlb-cache-invalid", description = "Also cache invalid translations until SFENCE.VMA.")
    boolean tlbCacheInvalid;

    /** The machine these options describe; throws IllegalArgumentException with a one-line reason. */
    MachineConfig config(int defaultHarts, String defaultIpiDelay) {
        return MachineConfig.defaults()
                .withHarts(harts == null ? defaultHarts : harts)
                .withRamMiB(ramMiB)
                .withSeed(seed)
                .withEngine(Engine.Kind.parse(engine))
                .withSchedule(ScheduleSpec.parse(schedule))
                .withIpiDelay(IpiDelay.parse(ipiDelay == null ? defaultIpiDelay : ipiDelay))
                .withTlb(tlb());
    }

    /**
     * The line that says which seed (and, for the kernel, schedule) ran: "seed 1, schedule uniform (pass --seed 1
     * --schedule uniform to repeat this run)", the hint naming only the options not given already ({@code parsed}:
     * the command's parse result).
     */
    static String seedLine(MachineConfig config, boolean withSchedule, CommandLine.ParseResult parsed) {
        StringBuilder missing = new StringBuilder();
        if (!parsed.hasMatchedOption("--seed")) {
            missing.append(" --seed ").append(config.seed());
        }
        if (withSchedule && !parsed.hasMatchedOption("--schedule")) {
            missing.append(" --schedule ").append(config.schedule());
        }
        return "seed " + config.seed() + (withSchedule ? ", schedule " + config.schedule() : "")
                + (missing.isEmpty() ? "" : " (pass" + missing + " to repeat this run)");
    }

    /** The TLB shape, its complaint put in the options' words ("--tlb-entries 0 --tlb-ways 4: ..."). */
    private TlbConfig tlb() {
        try {
            return new TlbConfig(tlbEntries, tlbWays, tlbUnified, tlbCacheInvalid);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tlb-entries %d --tlb-ways %d: %s".formatted(tlbEntries, tlbWays,
                    e.getMessage().replaceFirst("^TlbConfig: ", "")), e);
        }
    }
}
