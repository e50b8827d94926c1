package org.hartlab.tools.stress;

import org.hartlab.core.RunResult;
import org.hartlab.kernel.KernelStats;
import org.hartlab.kernel.proc.WaitStatus;
import org.hartlab.kernel.vm.CowStrategy;

/**
 * What one seed's run gave: how it ended, the violations it showed, and the kernel's counters.
 *
 * @param strategy   the COW order the kernel booted with
 * @param seed       the machine's seed
 * @param outcome    how the run ended
 * @param exitCode   the program's exit code as a shell shows it (128 + signal if killed); -1 if it did not exit
 * @param violations the program's hartlab_mark calls; when it made none, 1 if it exited non-zero or was killed
 * @param stats      the kernel's counters at the end of the run
 * @param problem    why this seed did not finish (instruction limit, deadlock, a stop, a broken kernel
 *                   invariant), or null
 */
record SeedResult(CowStrategy strategy, long seed, RunResult.Outcome outcome, int exitCode, long violations,
                  KernelStats stats, String problem) {
    /** The result of a run that ended with {@code run} and counted {@code stats}; {@code problem} as above. */
    static SeedResult of(CowStrategy strategy, long seed, RunResult run, KernelStats stats, String problem) {
        int exit = run.outcome() == RunResult.Outcome.EXITED ? WaitStatus.shellExitCode(run.exitCode()) : -1;
        long violations = stats.marks() > 0 ? stats.marks() : exit > 0 ? 1 : 0;
        return new SeedResult(strategy, seed, run.outcome(), exit, violations, stats, problem);
    }

    boolean violated() {
        return violations > 0;
    }

    /** One line for {@code --per-seed}: the seed's numbers, the same whatever {@code --jobs} is. */
    String line() {
        return "%s seed %d: exit=%d violations=%d %s%s".formatted(strategy, seed, exitCode, violations,
                stats.oneLine(), problem == null ? "" : " PROBLEM: " + problem);
    }
}
