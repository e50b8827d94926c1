package org.hartlab.tools.stress;

import java.io.OutputStream;
import java.util.List;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.aclint.IpiDelay;
import org.hartlab.core.elf.ElfImage;
import org.hartlab.core.engine.Engine;
import org.hartlab.core.engine.ScheduleSpec;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.KernelCosts;
import org.hartlab.kernel.exec.ExecException;
import org.hartlab.kernel.vm.CowStrategy;

/**
 * Everything a stress run does to each seed except the seed and the strategy: the program and its arguments,
 * the machine, and the instruction budget. A seed's run is exactly {@code hartlab run} with the options of
 * {@link #replayCommand}, so that command replays it.
 *
 * @param workload        the guest program and its arguments
 * @param harts           harts of each machine
 * @param engine          deterministic (replayable) or parallel
 * @param ipiDelay        IPI delivery delay range, in target-hart cycles
 * @param schedule        how the deterministic engine picks harts
 * @param costs           the guest time the kernel's work takes
 * @param maxInstructions instruction budget of one seed
 * @param checkInvariants whether each seed's kernel checks its VM invariants during and after the run
 */
record StressPlan(Workload workload, int harts, Engine.Kind engine, IpiDelay ipiDelay, ScheduleSpec schedule,
                  KernelCosts costs,
                  long maxInstructions,
                  boolean checkInvariants) {
    /** {@code hartlab run}'s own budget: the replay command leaves it out when stress uses the same. */
    static final long RUN_DEFAULT_MAX_INSTRUCTIONS = 10_000_000_000L;

    /** The machine of seed {@code seed}; IllegalArgumentException when the harts are out of range. */
    MachineConfig config(long seed) {
        return MachineConfig.defaults().withHarts(harts).withSeed(seed).withEngine(engine).withIpiDelay(ipiDelay)
                .withSchedule(schedule);
    }

    /**
     * Boots a throwaway kernel of seed {@code seed} and creates the program's process, so that an ELF the
     * kernel cannot load is a usage error before any seed runs, not a failure inside each.
     */
    void checkLoads(ElfImage image, long seed) throws ExecException {
        Kernel.boot(new Machine(config(seed), OutputStream.nullOutputStream()), CowStrategy.TWO_STAGE, costs)
                .spawn(image, workload.argv(), envp(seed));
    }

    /** The environment {@code hartlab run} gives a program (it shifts the stack, so it must be the same). */
    static List<String> envp(long seed) {
        return List.of("HARTLAB_SEED=" + seed);
    }

    /** The command line that runs seed {@code seed} under {@code strategy} on its own. */
    String replayCommand(CowStrategy strategy, long seed) {
        StringBuilder sb = new StringBuilder("./hartlab run --strategy ").append(strategy).append(" --seed ").append(seed)
                .append(" --harts ").append(harts).append(" --ipi-delay ").append(ipiDelay);
        if (!schedule.equals(ScheduleSpec.UNIFORM)) {
            sb.append(" --schedule ").append(schedule);
        }
        if (!costs.equals(KernelCosts.REALISTIC)) {
            sb.append(" --kernel-costs ").append(costs);
        }
        if (engine != Engine.Kind.DETERMINISTIC) {
            sb.append(" --engine ").append(engine);
        }
        if (maxInstructions != RUN_DEFAULT_MAX_INSTRUCTIONS) {
            sb.append(" --max-instructions ").append(maxInstructions);
        }
        if (checkInvariants) {
            sb.append(" --check-invariants");
        }
        // run's options end at the program name, so its arguments need no "--"; it stays before a program whose
        // argv has a word starting with '-', which every hartlab since the first reads the same way
        if (workload.argv().stream().anyMatch(w -> w.startsWith("-"))) {
            sb.append(" --");
        }
        return sb.append(' ').append(workload).toString();
    }
}
