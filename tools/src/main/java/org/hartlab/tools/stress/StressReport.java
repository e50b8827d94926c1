package org.hartlab.tools.stress;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.hartlab.core.engine.Engine;
import org.hartlab.core.engine.ScheduleSpec;
import org.hartlab.kernel.vm.CowStrategy;

/**
 * What a stress campaign prints from its results: the header, the per-seed lines, the table and its legend, each
 * strategy's verdict with its replay command, and the seeds that did not complete. A run on one machine and
 * {@code stress merge} of its shards both print through here, so the two print the same lines from the same
 * results.
 */
final class StressReport {
    static final int OK = 0;
    static final int KERNEL_BUG = 1;
    /** Problem seeds listed one by one before the rest are only counted. */
    private static final int PROBLEMS_LISTED = 10;

    private StressReport() {
    }

    /** The first line of a campaign: what runs, on which seeds, on what machine; {@code shard} when not whole. */
    static String header(StressPlan plan, List<CowStrategy> strategies, SeedRange seeds, boolean untilFound,
                         StressShard shard, SeedRange campaign) {
        return "stress %s: seeds %s (%d)%s under %s%s; %d harts, %s engine, IPI delay %s%s".formatted(plan.workload(),
                seeds, seeds.count(), shard.equals(StressShard.WHOLE) ? "" : ", shard " + shard + " of " + campaign,
                String.join(", ", strategies.stream().map(Object::toString).toList()),
                untilFound ? ", each until its first violation" : "", plan.harts(), plan.engine(), plan.ipiDelay(),
                plan.schedule().equals(ScheduleSpec.UNIFORM) ? "" : ", schedule " + plan.schedule());
    }

    /**
     * Prints everything after the header for {@code results} (strategies, then seeds, in order) and returns the
     * exit code they call for: {@link #KERNEL_BUG} when a fix saw a violation or a seed did not complete.
     * Error lines go to {@code err}, each starting with {@code name}.
     */
    static int print(StressPlan plan, List<CowStrategy> strategies, List<SeedResult> results, boolean perSeed,
                     String name, PrintWriter out, PrintWriter err) {
        if (perSeed) {
            results.forEach(r -> out.println(r.line()));
        }
        List<StrategySummary> rows = new ArrayList<>();
        for (CowStrategy s : strategies) {
            rows.add(StrategySummary.of(s, results));
        }
        out.print(StressTable.render(rows));
        out.println(StressTable.LEGEND);
        freeCopies(plan, rows, out);
        int code = OK;
        for (StrategySummary row : rows) {
            SeedResult first = row.firstViolating();
            if (row.seeds() == 0) {
                out.printf("%s: no seed run%n", row.strategy());
                continue;
            }
            if (first == null) {
                out.printf("%s: no violation on any seed%n", row.strategy());
                continue;
            }
            out.printf("%s: first violation on seed %d (%s); replay: %s%n", row.strategy(), first.seed(),
                    violations(first.violations()), plan.replayCommand(row.strategy(), first.seed()));
            if (row.strategy() != CowStrategy.NAIVE) {
                err.printf("%s: kernel bug: %s saw %d violations on %d seeds%n", name, row.strategy(),
                        row.violations(), row.violatingSeeds());
                code = KERNEL_BUG;
            }
        }
        if (plan.engine() != Engine.Kind.DETERMINISTIC) {
            out.println("(the parallel engine does not replay a seed exactly: use --engine deterministic for that)");
        }
        List<SeedResult> problems = results.stream().filter(r -> r.problem() != null).toList();
        for (SeedResult r : problems.subList(0, Math.min(PROBLEMS_LISTED, problems.size()))) {
            err.printf("%s: %s seed %d: %s; replay: %s%n", name, r.strategy(), r.seed(), r.problem(),
                    plan.replayCommand(r.strategy(), r.seed()));
        }
        if (problems.size() > PROBLEMS_LISTED) {
            err.printf("%s: ... and %d more seeds that did not complete%n", name, problems.size() - PROBLEMS_LISTED);
        }
        return problems.isEmpty() ? code : KERNEL_BUG;
    }

    /**
     * Says why a row's cycles/COW is 0.0, which otherwise reads as a measurement: its copies took no guest time
     * at all, which happens only when the kernel costs charge nothing for a fault and a copy (as {@code zero}
     * does) and no copy waited for another hart's shootdown.
     */
    private static void freeCopies(StressPlan plan, List<StrategySummary> rows, PrintWriter out) {
        List<String> free = rows.stream().filter(r -> r.cowFaults() > 0 && r.cowTicks() == 0)
                .map(r -> r.strategy().toString()).toList();
        if (!free.isEmpty()) {
            out.printf("cycles/COW is 0.0 under %s: the copies took no guest time (--kernel-costs %s charges nothing "
                    + "for a fault or a page copy, and no copy waited for a shootdown)%n", String.join(", ", free),
                    plan.costs());
        }
    }

    static String violations(long n) {
        return n + (n == 1 ? " violation" : " violations");
    }
}
