package org.hartlab.tools.stress;

import org.hartlab.core.RunResult;
import org.hartlab.kernel.KernelStats;
import org.hartlab.kernel.vm.CowStrategy;

/**
 * What one seed's run gave: how it ended, what the program reported, and the kernel's counters.
 *
 * @param strategy   the COW order the kernel booted with
 * @param seed       the machine's seed
 * @param outcome    how the run ended
 * @param exitCode   the program's exit code as a shell shows it (128 + signal if killed); -1 if it did not exit
 * @param iterations iterations the program reported (0 if it reported none)
 * @param violations violations the program reported
 * @param stats      the kernel's counters at the end of the run
 * @param problem    why this seed did not complete as the workload should (limit, deadlock, no result line,
 *                   an unexpected exit code), or null
 */
record SeedResult(CowStrategy strategy, long seed, RunResult.Outcome outcome, int exitCode, long iterations,
                  long violations, KernelStats stats, String problem) {
    boolean violated() {
        return violations > 0;
    }

    /** One line for {@code --per-seed}: the seed's numbers, the same whatever {@code --jobs} is. */
    String line() {
        return "%s seed %d: iterations=%d violations=%d exit=%d %s%s".formatted(strategy, seed, iterations,
                violations, exitCode, stats.oneLine(), problem == null ? "" : " PROBLEM: " + problem);
    }
}
