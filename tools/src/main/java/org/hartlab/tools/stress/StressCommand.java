package org.hartlab.tools.stress;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hartlab.core.aclint.IpiDelay;
import org.hartlab.core.elf.ElfImage;
import org.hartlab.core.elf.ElfLoadException;
import org.hartlab.core.engine.Engine;
import org.hartlab.core.engine.ScheduleSpec;
import org.hartlab.kernel.KernelCosts;
import org.hartlab.kernel.Programs;
import org.hartlab.kernel.exec.ExecException;
import org.hartlab.kernel.vm.CowStrategy;
import org.hartlab.tools.trace.ChromeTraceWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hartlab stress}: any program (bundled or an ELF path) over many seeds and strategies, summed into one
 * table. A seed violates when the program calls hartlab_mark or exits non-zero (or is killed).
 */
@Command(name = "stress", mixinStandardHelpOptions = true,
        description = {"Run a program on a fresh machine for every seed under each COW strategy and print one table: "
                + "seeds with violations, COW faults, spurious faults, IPIs, faults and guest cycles per COW; and "
                + "the hartlab run command that replays the first violating seed of each strategy.",
            "A seed violates when the program calls hartlab_mark (syscall 1000; each call counts) or exits non-zero "
                + "or is killed (one violation); it did not finish when it reached --max-instructions, deadlocked "
                + "or broke a kernel invariant.",
            "cow-race: threads race a COW fault (3 threads); cow-cost: one thread writes K pages a forked child "
                + "holds (the single-threaded cost baseline); litmus-spin, litmus-futex: the race as a user writes "
                + "it (spin lock, futex mutex). Their size comes from --iterations (and --pages) unless ARGS are given.",
            "Exit 0: the run completed (naive's violations are the expected finding); 1: two-stage, two-stage-mt or "
                + "bbm saw a violation, or a seed did not finish; 2: usage error or a program that does not load; "
                + "130: stopped by Ctrl-C."})
public final class StressCommand implements Callable<Integer> {
    private static final int OK = 0;
    private static final int KERNEL_BUG = 1;
    private static final int USAGE = 2;
    private static final int STOPPED = 130;
    private static final int MAX_JOBS = 256;
    /** Problem seeds listed one by one before the rest are only counted. */
    private static final int PROBLEMS_LISTED = 10;

    @Spec
    CommandSpec spec;

    private final StressHost host;

    /** The command-line command. */
    public StressCommand() {
        this(StressHost.COMMAND_LINE);
    }

    /** The command run from {@code host} (the shell). */
    public StressCommand(StressHost host) {
        this.host = host;
    }

    @Parameters(index = "0", paramLabel = "PROGRAM",
            description = "Bundled program (cow-race, cow-cost, litmus-spin, litmus-futex, ...) or static RV64 ELF path.")
    String program;

    @Parameters(index = "1..*", paramLabel = "ARGS",
            description = "Arguments passed to the program (after -- when one starts with '-').")
    List<String> args = new ArrayList<>();

    @Option(names = "--strategy", paramLabel = "S", description = "naive, two-stage, two-stage-mt, bbm or all (default: all).")
    String strategyName = "all";

    @Option(names = "--seeds", paramLabel = "A..B", description = "Seeds to run, inclusive (default: ${DEFAULT-VALUE}).")
    String seedText = "1..20";

    @Option(names = "--harts", paramLabel = "N", description = "Harts per machine (default: ${DEFAULT-VALUE}).")
    int harts = 4;

    @Option(names = "--engine", paramLabel = "E", description = "deterministic (default; replayable) or parallel.")
    String engineName = "deterministic";

    @Option(names = "--ipi-delay", paramLabel = "MIN..MAX",
            description = "IPI delivery delay range in target-hart cycles (default: ${DEFAULT-VALUE}).")
    String ipiDelayText = KernelCosts.IPI_DELAY;

    @Option(names = "--schedule", paramLabel = "S",
            description = "How the deterministic engine picks harts: uniform or pct[:DEPTH[:STEPS]] (default: "
                    + "${DEFAULT-VALUE}; see the README's schedules).")
    String scheduleText = ScheduleSpec.UNIFORM.toString();

    @Option(names = "--kernel-costs", paramLabel = "COSTS",
            description = "Guest cycles the kernel's work takes: realistic (default), zero, or NAME=CYCLES,... "
                    + "(see hartlab run --help).")
    String kernelCostsText = "realistic";

    @Option(names = "--iterations", paramLabel = "N", description = "cow-race iterations, cow-cost rounds (both "
            + "default " + Workload.DEFAULT_ITERATIONS + "), litmus-* forks (default: the program's, 300) per seed.")
    Integer iterations;

    @Option(names = "--pages", paramLabel = "K",
            description = "Pages cow-cost writes per round (default: " + Workload.DEFAULT_PAGES + ").")
    Integer pages;

    @Option(names = "--until-found", description = "Stop each strategy at its first violating seed.")
    boolean untilFound;

    @Option(names = "--jobs", paramLabel = "J",
            description = "Seeds run at once, each on its own machine; results do not depend on it (default: 1).")
    int jobs = 1;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Write the Chrome trace of the first violating seed (else of the first seed).")
    Path traceFile;

    @Option(names = "--check-invariants",
            description = "Check the kernel's VM invariants in every seed's run, as hartlab run --check-invariants;"
                    + " a violation is a seed that did not complete.")
    boolean checkInvariants;

    @Option(names = "--per-seed", description = "Also print one line of counters per seed, in seed order.")
    boolean perSeed;

    @Option(names = "--max-instructions", paramLabel = "N",
            description = "Instruction budget of each seed: a seed that reaches it did not finish (a hang guard; "
                    + "default: ${DEFAULT-VALUE}).")
    long maxInstructions = StressPlan.RUN_DEFAULT_MAX_INSTRUCTIONS;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StressPlan plan;
        List<CowStrategy> strategies;
        SeedRange seeds;
        ElfImage image;
        try {
            Workload workload = Workload.of(program, args, iterations, pages);
            strategies = strategies(strategyName);
            seeds = SeedRange.parse(seedText);
            check(jobs >= 1 && jobs <= MAX_JOBS, "--jobs must be 1.." + MAX_JOBS + ", got " + jobs);
            check(maxInstructions > 0, "--max-instructions must be positive, got " + maxInstructions);
            plan = new StressPlan(workload, harts, Engine.Kind.parse(engineName), IpiDelay.parse(ipiDelayText),
                    ScheduleSpec.parse(scheduleText), KernelCosts.parse(kernelCostsText), maxInstructions, checkInvariants);
            plan.config(seeds.first()); // validates the machine
            check(Programs.BUNDLED.contains(program) || Files.exists(Path.of(program)),
                    program + ": no such file, nor a bundled program");
            image = Programs.load(program);
            plan.checkLoads(image, seeds.first());
        } catch (IllegalArgumentException | ElfLoadException | ExecException e) {
            err.println(host.name() + ": " + e.getMessage());
            return USAGE;
        }
        out.println(header(plan, strategies, seeds, untilFound));
        out.flush();
        int total = strategies.size() * seeds.count();
        StressProgress progress = new StressProgress(total);
        StressRunner runner = new StressRunner(plan, image, strategies, seeds, jobs, untilFound, traceFile != null,
                host.display(progress, err));
        try {
            return host.run(() -> runAndReport(plan, strategies, runner, total, out, err), runner::cancel, progress);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int runAndReport(StressPlan plan, List<CowStrategy> strategies, StressRunner runner, int total,
                             PrintWriter out, PrintWriter err) {
        long start = System.nanoTime();
        List<SeedResult> results;
        try {
            results = runner.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.printf("%s: interrupted%n", host.name());
            return STOPPED;
        }
        int code = report(plan, strategies, results, runner, out, err);
        double seconds = (System.nanoTime() - start) / 1e9;
        err.printf("%s: %d runs in %.1f s (%d job%s)%n", host.name(), results.size(), seconds, jobs,
                jobs == 1 ? "" : "s");
        if (runner.cancelled()) {
            err.printf("%s: stopped: %d of %d runs done%n", host.name(), results.size(), total);
            return STOPPED;
        }
        return code;
    }

    private int report(StressPlan plan, List<CowStrategy> strategies, List<SeedResult> results, StressRunner runner,
                       PrintWriter out, PrintWriter err) {
        if (perSeed) {
            results.forEach(r -> out.println(r.line()));
        }
        List<StrategySummary> rows = new ArrayList<>();
        for (CowStrategy s : strategies) {
            rows.add(StrategySummary.of(s, results));
        }
        out.print(StressTable.render(rows));
        out.println(StressTable.LEGEND);
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
                err.printf("%s: kernel bug: %s saw %d violations on %d seeds%n", host.name(), row.strategy(),
                        row.violations(), row.violatingSeeds());
                code = KERNEL_BUG;
            }
        }
        if (plan.engine() != Engine.Kind.DETERMINISTIC) {
            out.println("(the parallel engine does not replay a seed exactly: use --engine deterministic for that)");
        }
        List<SeedResult> problems = results.stream().filter(r -> r.problem() != null).toList();
        for (SeedResult r : problems.subList(0, Math.min(PROBLEMS_LISTED, problems.size()))) {
            err.printf("%s: %s seed %d: %s; replay: %s%n", host.name(), r.strategy(), r.seed(), r.problem(),
                    plan.replayCommand(r.strategy(), r.seed()));
        }
        if (problems.size() > PROBLEMS_LISTED) {
            err.printf("%s: ... and %d more seeds that did not complete%n", host.name(), problems.size() - PROBLEMS_LISTED);
        }
        if (!problems.isEmpty()) {
            code = KERNEL_BUG;
        }
        StressRunner.Trace trace = runner.trace();
        if (trace != null && !writeTrace(trace, plan, err)) {
            return USAGE;
        }
        return code;
    }

    private boolean writeTrace(StressRunner.Trace trace, StressPlan plan, PrintWriter err) {
        SeedResult r = trace.result();
        try (OutputStream o = Files.newOutputStream(traceFile)) {
            ChromeTraceWriter.write(o, trace.events().events(), plan.harts(), "hartlab stress %s seed %d %s"
                    .formatted(plan.workload().program(), r.seed(), r.strategy()));
        } catch (IOException e) {
            err.println(host.name() + ": cannot write trace " + traceFile + ": " + e.getMessage());
            return false;
        }
        err.printf("%s: trace of %s seed %d (%s, %d events%s) written to %s%n", host.name(), r.strategy(),
                r.seed(), violations(r.violations()), trace.events().events().size(),
                trace.events().dropped() > 0 ? ", " + trace.events().dropped() + " later ones dropped" : "", traceFile);
        return true;
    }

    private static String header(StressPlan plan, List<CowStrategy> strategies, SeedRange seeds,
                                 boolean untilFound) {
        return "stress %s: seeds %s (%d) under %s%s; %d harts, %s engine, IPI delay %s%s".formatted(plan.workload(),
                seeds, seeds.count(), String.join(", ", strategies.stream().map(Object::toString).toList()),
                untilFound ? ", each until its first violation" : "", plan.harts(), plan.engine(), plan.ipiDelay(),
                plan.schedule().equals(ScheduleSpec.UNIFORM) ? "" : ", schedule " + plan.schedule());
    }

    /** {@code all} or one strategy name; IllegalArgumentException otherwise. */
    static List<CowStrategy> strategies(String name) {
        if (name.equalsIgnoreCase("all")) {
            return List.of(CowStrategy.values());
        }
        try {
            return List.of(CowStrategy.parse(name));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--strategy must be naive, two-stage, two-stage-mt, bbm or all, got '" + name + "'");
        }
    }

    private static String violations(long n) {
        return n + (n == 1 ? " violation" : " violations");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
