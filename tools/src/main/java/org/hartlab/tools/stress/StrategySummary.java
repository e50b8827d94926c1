package org.hartlab.tools.stress;

import java.util.List;
import org.hartlab.kernel.KernelStats;
import org.hartlab.kernel.vm.CowStrategy;

/**
 * One strategy's row of the stress table: the seeds' counters summed, and the ratios of those sums.
 *
 * @param strategy       the COW order
 * @param seeds          seeds run
 * @param violatingSeeds seeds on which the program saw at least one violation
 * @param violations     violations over all seeds
 * @param cowFaults      faults that made a copy-on-write copy
 * @param spurious       faults whose mapping already allowed the access (a stale TLB entry)
 * @param ipis           every IPI posted (shootdowns and wake-ups of idle harts)
 * @param shootdownIpis  IPIs that asked a hart to flush its TLB
 * @param cowPathFaults  faults other than zero-fill: COW copies, upgrades, spurious faults, busy-page retries
 * @param cowTicks       guest cycles (mtime ticks) spent in faults that copied, shootdown waits included
 * @param firstViolating the first seed that saw a violation, or null
 * @param problems       seeds that did not complete as the workload should
 */
record StrategySummary(CowStrategy strategy, long seeds, long violatingSeeds, long violations, long cowFaults,
                       long spurious, long ipis, long shootdownIpis, long cowPathFaults, long cowTicks,
                       SeedResult firstViolating, long problems) {
    /** Sums the results of {@code strategy} among {@code results} (which are in seed order). */
    static StrategySummary of(CowStrategy strategy, List<SeedResult> results) {
        long seeds = 0, violatingSeeds = 0, violations = 0, cow = 0, spurious = 0, ipis = 0, shootdowns = 0;
        long cowPath = 0, ticks = 0, problems = 0;
        SeedResult firstViolating = null;
        for (SeedResult r : results) {
            if (r.strategy() != strategy) {
                continue;
            }
            KernelStats s = r.stats();
            seeds++;
            violations += r.violations();
            if (r.violated()) {
                violatingSeeds++;
                if (firstViolating == null) {
                    firstViolating = r;
                }
            }
            if (r.problem() != null) {
                problems++;
            }
            cow += s.cowCopies();
            spurious += s.spurious();
            ipis += s.ipisPosted();
            shootdowns += s.shootdownIpis();
            cowPath += s.faults() - s.zeroFills();
            ticks += s.cowTicks();
        }
        return new StrategySummary(strategy, seeds, violatingSeeds, violations, cow, spurious, ipis, shootdowns,
                cowPath, ticks, firstViolating, problems);
    }

    /** Faults other than zero-fill per COW copy: 1 when each copy costs one fault, 2 for two-stage alone. */
    double faultsPerCow() {
        return cowFaults == 0 ? 0 : (double) cowPathFaults / cowFaults;
    }

    /** Mean guest cycles spent in a fault that copied. */
    double cyclesPerCow() {
        return cowFaults == 0 ? 0 : (double) cowTicks / cowFaults;
    }
}
