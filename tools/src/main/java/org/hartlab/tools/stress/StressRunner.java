package org.hartlab.tools.stress;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hartlab.core.Machine;
import org.hartlab.core.RunResult;
import org.hartlab.core.elf.ElfImage;
import org.hartlab.core.trace.EventRecorder;
import org.hartlab.tools.trace.ChromeTraceWriter;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.exec.ExecException;
import org.hartlab.kernel.vm.CowStrategy;
import org.hartlab.kernel.proc.WaitStatus;

/**
 * Runs every (strategy, seed) of a stress run, each on a fresh machine, on {@code jobs} threads. A seed's run
 * depends only on the plan, its strategy and its seed, never on the thread or the other seeds, so the results
 * are the same for any number of jobs; they come back strategies first, then seeds, in order.
 *
 * <p>When asked to record, each run also records its events, and the runner keeps the trace that
 * {@code --trace} wants: the first violating run in that order, else the very first run.
 */
final class StressRunner {
    /** A recorded run: the seed's result and its events. */
    record Trace(SeedResult result, EventRecorder events) {
    }

    private final StressPlan plan;
    private final ElfImage image;
    private final List<CowStrategy> strategies;
    private final SeedRange seeds;
    private final int jobs;
    private final boolean record;
    private final Progress progress;
    private final Set<Machine> live = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;
    // guarded by this: candidates for --trace, by task order
    private int firstOrder = Integer.MAX_VALUE;
    private Trace first;
    private int violatingOrder = Integer.MAX_VALUE;
    private Trace violating;

    StressRunner(StressPlan plan, ElfImage image, List<CowStrategy> strategies, SeedRange seeds, int jobs,
                 boolean record, Progress progress) {
        this.plan = plan;
        this.image = image;
        this.strategies = List.copyOf(strategies);
        this.seeds = seeds;
        this.jobs = jobs;
        this.record = record;
        this.progress = progress;
    }

    /**
     * Runs every seed under every strategy and returns the results in order (strategies, then seeds); after
     * {@link #cancel} only those that completed. A failure inside a run is thrown as an IllegalStateException.
     */
    List<SeedResult> run() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(jobs, Thread.ofPlatform().name("stress-", 0).factory());
        try {
            List<Future<SeedResult>> futures = new ArrayList<>();
            int order = 0;
            for (CowStrategy strategy : strategies) {
                for (long seed = seeds.first(); seed <= seeds.last(); seed++) {
                    int o = order++;
                    long s = seed;
                    futures.add(pool.submit(() -> cancelled ? null : runSeed(o, strategy, s)));
                }
            }
            List<SeedResult> results = new ArrayList<>(futures.size());
            for (Future<SeedResult> f : futures) {
                SeedResult r = f.get();
                if (r != null) {
                    results.add(r);
                }
            }
            return results;
        } catch (ExecutionException e) {
            cancel();
            throw new IllegalStateException("stress: a run failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            progress.finished();
        }
    }

    /** Stops the runs in progress at their next slice boundary and skips the rest; callable from any thread. */
    void cancel() {
        cancelled = true;
        live.forEach(Machine::requestStop);
    }

    /** The trace {@code --trace} writes: the first violating run, else the first run; null if none recorded. */
    synchronized Trace trace() {
        return violating != null ? violating : first;
    }

    private SeedResult runSeed(int order, CowStrategy strategy, long seed) throws ExecException {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine machine = new Machine(plan.config(seed), console);
        Kernel kernel = Kernel.boot(machine, strategy);
        if (plan.checkInvariants()) {
            kernel.checkInvariantsEvery(Kernel.INVARIANT_CHECK_INTERVAL);
        }
        kernel.spawn(image, plan.argv(), StressPlan.envp(seed));
        EventRecorder recorder = record ? new EventRecorder(ChromeTraceWriter.EVENT_LIMIT) : null;
        if (recorder != null) {
            machine.setEventSink(recorder);
        }
        live.add(machine);
        RunResult run;
        try {
            if (cancelled) {
                machine.requestStop();
            }
            run = kernel.run(plan.maxInstructions());
        } finally {
            live.remove(machine);
        }
        SeedResult result = result(strategy, seed, run, console.toString(StandardCharsets.UTF_8), kernel);
        if (recorder != null) {
            keep(order, new Trace(result, recorder));
        }
        if (run.outcome() != RunResult.Outcome.STOPPED || !cancelled) {
            progress.advanced(result);
        }
        return run.outcome() == RunResult.Outcome.STOPPED && cancelled ? null : result;
    }

    private SeedResult result(CowStrategy strategy, long seed, RunResult run, String console, Kernel kernel) {
        Workload workload = plan.workload();
        Workload.Report report = workload.parse(console, plan.iterations());
        int exit = run.outcome() == RunResult.Outcome.EXITED ? WaitStatus.shellExitCode(run.exitCode()) : -1;
        String problem = switch (run.outcome()) {
            case EXITED -> report == null ? "no result line in its output" + lastLine(console)
                    : workload.expectedExit(exit, strategy, report) ? null : "exit code " + exit + lastLine(console);
            case INSTRUCTION_LIMIT -> "instruction limit %d reached (hart %d at pc 0x%x)".formatted(
                    plan.maxInstructions(), run.stoppedHart(), run.stoppedPc());
            case DEADLOCK -> "every hart idles and no process can run";
            case STOPPED, BREAK -> "stopped after %d instructions".formatted(run.instructions());
        };
        if (problem == null && plan.checkInvariants()) {
            problem = invariantProblem(kernel.invariantsAfterRun(run.outcome()));
        }
        long iterations = report == null ? 0 : report.iterations();
        long violations = report == null ? 0 : report.violations();
        return new SeedResult(strategy, seed, run.outcome(), exit, iterations, violations, kernel.statistics(),
                problem);
    }

    /** The first violation, and how many more, as a seed's problem; null if every invariant held. */
    private static String invariantProblem(List<String> violations) {
        if (violations.isEmpty()) {
            return null;
        }
        String more = violations.size() == 1 ? "" : " (and %d more)".formatted(violations.size() - 1);
        return "invariant violated: " + violations.getFirst() + more;
    }

    private synchronized void keep(int order, Trace trace) {
        if (order < firstOrder) {
            firstOrder = order;
            first = trace;
        }
        if (trace.result().violated() && order < violatingOrder) {
            violatingOrder = order;
            violating = trace;
        }
    }

    private static String lastLine(String console) {
        String trimmed = console.strip();
        if (trimmed.isEmpty()) {
            return "";
        }
        return ": " + trimmed.substring(trimmed.lastIndexOf('\n') + 1);
    }
}
