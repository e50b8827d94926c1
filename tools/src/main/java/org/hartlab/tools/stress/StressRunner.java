package org.hartlab.tools.stress;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hartlab.core.Machine;
import org.hartlab.core.RunResult;
import org.hartlab.core.elf.ElfImage;
import org.hartlab.core.trace.EventRecorder;
import org.hartlab.tools.trace.TraceLimit;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.exec.ExecException;
import org.hartlab.kernel.vm.CowStrategy;

/**
 * Runs every (strategy, seed) of a stress run, each on a fresh machine, on {@code jobs} threads. A seed's run
 * depends only on the plan, its strategy and its seed, never on the thread or the other seeds, so the results
 * are the same for any number of jobs; they come back strategies first, then seeds, in order.
 *
 * <p>With {@code untilFound}, each strategy stops at its first violating seed: later seeds of that strategy are
 * skipped, or stopped if they are running, and their results dropped even when they finished first, so the
 * results are again those of a run on one job: every seed up to the first violating one.
 *
 * <p>Given a trace limit, each run also records its events, and the runner keeps the trace that
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
    private final boolean untilFound;
    /** What each run records, or null when none is traced. */
    private final TraceLimit record;
    private final Progress progress;
    /** Running machines, each with its strategy and seed (so that --until-found stops the later seeds). */
    private final Map<Machine, Task> live = new ConcurrentHashMap<>();
    private volatile boolean cancelled;
    // guarded by this: per strategy, the first seed that violated (Long.MAX_VALUE while none has)
    private final Map<CowStrategy, Long> found = new EnumMap<>(CowStrategy.class);
    // guarded by this: candidates for --trace, by task order
    private int firstOrder = Integer.MAX_VALUE;
    private Trace first;
    private int violatingOrder = Integer.MAX_VALUE;
    private Trace violating;

    /** One run to do: a seed under a strategy, and its place in the result order. */
    private record Task(int order, CowStrategy strategy, long seed) {
    }

    StressRunner(StressPlan plan, ElfImage image, List<CowStrategy> strategies, SeedRange seeds, int jobs,
                 boolean untilFound, TraceLimit record, Progress progress) {
        this.plan = plan;
        this.image = image;
        this.strategies = List.copyOf(strategies);
        this.seeds = seeds;
        this.jobs = jobs;
        this.untilFound = untilFound;
        this.record = record;
        this.progress = progress;
    }

    /**
     * Runs every seed under every strategy and returns the results in order (strategies, then seeds); after
     * {@link #cancel} only those that completed; with {@code untilFound} none after a strategy's first violating
     * seed. A failure inside a run is thrown as an IllegalStateException.
     */
    List<SeedResult> run() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(jobs, Thread.ofPlatform().name("stress-", 0).factory());
        try {
            List<Future<SeedResult>> futures = new ArrayList<>();
            int order = 0;
            for (CowStrategy strategy : strategies) {
                for (long seed = seeds.first(); seed <= seeds.last(); seed++) {
                    Task task = new Task(order++, strategy, seed);
                    futures.add(pool.submit(() -> cancelled || superseded(task) ? null : runSeed(task)));
                }
            }
            List<SeedResult> results = new ArrayList<>(futures.size());
            for (Future<SeedResult> f : futures) {
                SeedResult r = f.get();
                if (r != null && !superseded(r.strategy(), r.seed())) {
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
        live.keySet().forEach(Machine::requestStop);
    }

    /** Whether {@link #cancel} was called: the results are then only a part of the run. */
    boolean cancelled() {
        return cancelled;
    }

    private boolean superseded(Task task) {
        return superseded(task.strategy(), task.seed());
    }

    /** Whether --until-found already has a violating seed of {@code strategy} before {@code seed}. */
    private synchronized boolean superseded(CowStrategy strategy, long seed) {
        return seed > found.getOrDefault(strategy, Long.MAX_VALUE);
    }

    /** Records that {@code result} violated and stops the running later seeds of its strategy. */
    private void foundViolation(SeedResult result) {
        synchronized (this) {
            if (result.seed() >= found.getOrDefault(result.strategy(), Long.MAX_VALUE)) {
                return;
            }
            found.put(result.strategy(), result.seed());
        }
        live.forEach((machine, task) -> {
            if (superseded(task)) {
                machine.requestStop();
            }
        });
    }

    /** The trace {@code --trace} writes: the first violating run, else the first run; null if none recorded. */
    synchronized Trace trace() {
        return violating != null ? violating : first;
    }

    private SeedResult runSeed(Task task) throws ExecException {
        CowStrategy strategy = task.strategy();
        long seed = task.seed();
        // What the program prints is not its verdict (its exit code and marks are), so nobody reads it.
        Machine machine = new Machine(plan.config(seed), OutputStream.nullOutputStream());
        Kernel kernel = Kernel.boot(machine, strategy, plan.costs());
        if (plan.checkInvariants()) {
            kernel.checkInvariantsEvery(Kernel.INVARIANT_CHECK_INTERVAL);
        }
        kernel.spawn(image, plan.workload().argv(), StressPlan.envp(seed));
        EventRecorder recorder = record != null ? record.recorder() : null;
        if (recorder != null) {
            machine.setEventSink(recorder);
        }
        live.put(machine, task);
        RunResult run;
        try {
            if (cancelled || superseded(task)) {
                machine.requestStop();
            }
            run = kernel.run(plan.maxInstructions());
        } finally {
            live.remove(machine);
        }
        boolean dropped = run.outcome() == RunResult.Outcome.STOPPED && (cancelled || superseded(task));
        if (dropped) {
            return null;
        }
        SeedResult result = result(strategy, seed, run, kernel);
        if (untilFound && result.violated()) {
            foundViolation(result);
        }
        if (recorder != null) {
            keep(task.order(), new Trace(result, recorder));
        }
        progress.advanced(result);
        return result;
    }

    private SeedResult result(CowStrategy strategy, long seed, RunResult run, Kernel kernel) {
        String problem = switch (run.outcome()) {
            case EXITED -> null;
            case INSTRUCTION_LIMIT -> "instruction limit %d reached (hart %d at pc 0x%x)".formatted(
                    plan.maxInstructions(), run.stoppedHart(), run.stoppedPc());
            case DEADLOCK -> "every hart idles and no process can run";
            case STOPPED, BREAK -> "stopped after %d instructions".formatted(run.instructions());
        };
        if (problem == null && plan.checkInvariants()) {
            problem = invariantProblem(kernel.invariantsAfterRun(run.outcome()));
        }
        return SeedResult.of(strategy, seed, run, kernel.statistics(), problem);
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
}
