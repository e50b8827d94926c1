package org.hartlab.tools.stress;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.hartlab.tools.Version;
import org.hartlab.tools.trace.ChromeTraceWriter;
import org.hartlab.tools.trace.TraceFile;
import org.hartlab.tools.trace.TraceLimit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hartlab stress}: any program (bundled or an ELF path) over many seeds and strategies, summed into one
 * table. A seed violates when the program calls hartlab_mark or exits non-zero (or is killed).
 */
@Command(name = "stress", mixinStandardHelpOptions = true, subcommands = StressMergeCommand.class,
        description = {"Run a program over many seeds under each COW strategy and print one table.",
            "Each seed runs on a fresh machine; the table has, per strategy, the seeds with violations, COW faults, "
                + "spurious faults, IPIs, faults and guest cycles per COW; then the hartlab run command that replays "
                + "the first violating seed of each strategy.",
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
    private static final int USAGE = 2;
    private static final int STOPPED = 130;
    private static final int MAX_JOBS = 256;

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

    // Optional to picocli only: it checks a parent's required parameters even when a subcommand (merge) runs.
    @Parameters(index = "0", arity = "0..1", paramLabel = "PROGRAM",
            description = "Bundled program (cow-race, cow-cost, litmus-spin, litmus-futex, ...) or static RV64 ELF path.")
    String program;

    @Parameters(index = "1..*", paramLabel = "ARGS",
            description = "Arguments passed to the program; a short option stress does not know (-x) is the "
                    + "program's; long ones (--x) and any stress knows go after --.")
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
            description = "Write the Chrome trace of the first violating seed (else of the first seed); gzip when FILE ends in .gz.")
    Path traceFile;

    @Option(names = "--trace-limit", paramLabel = "N",
            description = "Keep only the last N events of the traced seed (default: the first " + TraceLimit.MAX + ").")
    Integer traceLimitValue;

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

    @Option(names = "--shard", paramLabel = "K/N|auto",
            description = "Run only the K-th of N contiguous blocks of the seeds (1 <= K <= N); auto: the Slurm array "
                    + "task or Kubernetes Indexed Job pod this is (see the README's campaigns on a cluster).")
    String shardText;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the results as JSON (per strategy and seed; with the version, the configuration "
                    + "and the shard) for hartlab stress merge.")
    Path jsonFile;

    /** Where --shard auto reads the batch system's variables (tests give their own). */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StressPlan plan;
        List<CowStrategy> strategies;
        SeedRange campaign;
        SeedRange seeds;
        StressShard shard;
        ElfImage image;
        TraceLimit traceLimit;
        try {
            check(program != null, "Missing required parameter: 'PROGRAM' (a bundled program or an ELF path)");
            // options stress does not know become positional (they are the program's after its name): before it,
            // one is a mistyped option
            check(!program.startsWith("-"), "Unknown option: '" + program + "'");
            String typo = unknownLongOption();
            check(typo == null, "Unknown option: '" + typo + "' (an argument for the program that starts with -- "
                    + "goes after --)");
            Workload workload = Workload.of(program, args, iterations, pages);
            strategies = strategies(strategyName);
            campaign = SeedRange.parse(seedText);
            shard = shardText == null ? StressShard.WHOLE : StressShard.parse(shardText, environment);
            seeds = shard.slice(campaign);
            check(!untilFound || (shardText == null && jsonFile == null), "--until-found stops at a seed that "
                    + "depends on the other seeds, so it takes neither --shard nor --json");
            check(jobs >= 1 && jobs <= MAX_JOBS, "--jobs must be 1.." + MAX_JOBS + ", got " + jobs);
            check(maxInstructions > 0, "--max-instructions must be positive, got " + maxInstructions);
            String traceProblem = traceFile == null ? null : TraceFile.problem(traceFile);
            check(traceProblem == null, "cannot write trace " + traceFile + ": " + traceProblem);
            traceLimit = TraceLimit.of(traceLimitValue, "--trace-limit");
            plan = new StressPlan(workload, harts, Engine.Kind.parse(engineName), IpiDelay.parse(ipiDelayText),
                    ScheduleSpec.parse(scheduleText), KernelCosts.parse(kernelCostsText), maxInstructions, checkInvariants);
            plan.config(seeds.first()); // validates the machine
            image = Programs.load(program);
            plan.checkLoads(image, seeds.first());
        } catch (IllegalArgumentException | ElfLoadException | ExecException e) {
            err.println(host.name() + ": " + e.getMessage());
            return USAGE;
        }
        out.println(StressReport.header(plan, strategies, seeds, untilFound, shard, campaign));
        out.flush();
        int total = strategies.size() * seeds.count();
        StressProgress progress = new StressProgress(total);
        StressRunner runner = new StressRunner(plan, image, strategies, seeds, jobs, untilFound,
                traceFile == null ? null : traceLimit,
                host.display(progress, err));
        try {
            CampaignFile.Campaign whole = new CampaignFile.Campaign(plan, strategies, campaign, perSeed);
            return host.run(() -> runAndReport(whole, shard, runner, total, out, err), runner::cancel, progress);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int runAndReport(CampaignFile.Campaign campaign, StressShard shard, StressRunner runner, int total,
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
        int code = report(campaign.plan(), campaign.strategies(), results, runner, out, err);
        double seconds = (System.nanoTime() - start) / 1e9;
        err.printf("%s: %d runs in %.1f s (%d job%s)%n", host.name(), results.size(), seconds, jobs,
                jobs == 1 ? "" : "s");
        if (runner.cancelled()) {
            err.printf("%s: stopped: %d of %d runs done%n", host.name(), results.size(), total);
            return STOPPED;
        }
        if (jsonFile != null && !writeJson(new CampaignFile(Version.text(), campaign.toJson(), shard, results),
                campaign.plan(), err)) {
            return USAGE;
        }
        return code;
    }

    private boolean writeJson(CampaignFile file, StressPlan plan, PrintWriter err) {
        try {
            file.write(jsonFile, plan);
        } catch (IOException e) {
            err.println(host.name() + ": cannot write " + jsonFile + ": " + e.getMessage());
            return false;
        }
        err.printf("%s: results of shard %s (%d runs) written to %s%n", host.name(), file.shard(),
                file.results().size(), jsonFile);
        return true;
    }

    private int report(StressPlan plan, List<CowStrategy> strategies, List<SeedResult> results, StressRunner runner,
                       PrintWriter out, PrintWriter err) {
        int code = StressReport.print(plan, strategies, results, perSeed, host.name(), out, err);
        StressRunner.Trace trace = runner.trace();
        if (trace != null && !writeTrace(trace, plan, err)) {
            return USAGE;
        }
        return code;
    }

    private boolean writeTrace(StressRunner.Trace trace, StressPlan plan, PrintWriter err) {
        SeedResult r = trace.result();
        try (OutputStream o = TraceFile.open(traceFile)) {
            ChromeTraceWriter.write(o, trace.events().window(), plan.harts(), "hartlab stress %s seed %d %s"
                    .formatted(plan.workload().program(), r.seed(), r.strategy()));
        } catch (IOException e) {
            err.println(host.name() + ": cannot write trace " + traceFile + ": " + TraceFile.reason(e));
            return false;
        }
        String dropped = TraceLimit.dropped(trace.events(), "--trace-limit");
        err.printf("%s: trace of %s seed %d (%s, %d events%s) written to %s%n", host.name(), r.strategy(),
                r.seed(), StressReport.violations(r.violations()), trace.events().events().size(),
                dropped.isEmpty() ? "" : ", " + dropped, traceFile);
        return true;
    }

    /**
     * An argument before {@code --} that looks like a long option but is none of stress's (a typo, most likely: a
     * short one such as {@code -c} is the program's), or null.
     */
    private String unknownLongOption() {
        List<String> given = spec.commandLine().getParseResult().originalArgs();
        int end = given.indexOf("--");
        for (String a : args) {
            if (a.startsWith("--") && a.length() > 2 && (end < 0 || given.indexOf(a) < end)) {
                return a;
            }
        }
        return null;
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

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
