package org.hartlab.tools;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.RunResult;
import org.hartlab.core.elf.ElfImage;
import org.hartlab.core.elf.ElfLoadException;
import org.hartlab.core.engine.Engine;
import org.hartlab.core.trace.EventRecorder;
import org.hartlab.tools.trace.ChromeTraceWriter;
import org.hartlab.tools.trace.TraceFile;
import org.hartlab.tools.trace.TraceLimit;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.KernelCosts;
import org.hartlab.kernel.Programs;
import org.hartlab.kernel.exec.ExecException;
import org.hartlab.kernel.proc.WaitStatus;
import org.hartlab.kernel.vm.CowStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hartlab run}: boot the hosted kernel and run one user program to completion. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Boot the hosted kernel and run a user program (a bundled name or a static RV64 ELF).",
            "Its output goes to stdout; the exit code is the program's (128+N if killed by signal N).",
            "Exit 2: usage error or unloadable program; 3: instruction limit reached; 4: deadlock;",
            "5: a kernel invariant broke (--check-invariants)."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    MachineOptions machineOptions;

    @Mixin
    GdbOptions gdb;

    @Option(names = "--strategy", paramLabel = "S",
            description = "Copy-on-write order: naive, two-stage (default), two-stage-mt (two stages only in multithreaded processes, as OpenBSD) or bbm.")
    String strategyName = "two-stage";

    @Option(names = "--stats", description = "Print a one-line summary of counters to stderr at the end.")
    boolean stats;

    @Option(names = "--check-invariants",
            description = {"Check the kernel's VM invariants (page references, page tables, TLBs) every "
                + Kernel.INVARIANT_CHECK_INTERVAL + " instructions (the parallel engine stops for it) and at the end;",
                "print one line per violation and exit 5 (a run that already ends non-zero keeps its own code)."})
    boolean checkInvariants;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Write a Chrome trace-event JSON file (open it in ui.perfetto.dev; gzip-compressed when FILE ends in .gz). Checked before the run.")
    Path traceFile;

    @Option(names = "--trace-limit", paramLabel = "N",
            description = "Keep only the last N events in the --trace file (default: the first "
                + TraceLimit.MAX + ").")
    Integer traceLimitValue;

    @Option(names = "--kernel-costs", paramLabel = "COSTS",
            description = {"Guest cycles the kernel's work takes: realistic (default), zero (a free kernel), or "
                + "NAME=CYCLES,... on top of realistic (e.g. realistic,fork=50000). Names: trap, syscall, fault, "
                + "page-zero, page-copy, fork, fork-mapping, fork-page, fork-table, exit, exit-page, ipi-send, "
                + "ipi-take, tlb-flush, spin, context-switch."})
    String kernelCostsText = "realistic";

    @Option(names = "--stop-on-stale",
            description = "Stop the machine before the first load or store that goes through a TLB entry the page "
                + "table no longer agrees with, and show it (with --gdb, gdb attaches there).")
    boolean stopOnStale;

    @Option(names = "--max-instructions", paramLabel = "N",
            description = "Stop after N instructions (default: ${DEFAULT-VALUE}).")
    long maxInstructions = 10_000_000_000L;

    @Parameters(index = "0", paramLabel = "PROGRAM", description = "Bundled program (${COMPLETION-CANDIDATES}) or ELF path.",
            completionCandidates = BundledPrograms.class)
    String program;

    @Parameters(index = "1..*", paramLabel = "ARGS",
            description = "Arguments passed to the program: everything after PROGRAM, options too (as env runs a "
                + "command), so hartlab's options go before it.")
    List<String> args = new ArrayList<>();

    static final class BundledPrograms extends ArrayList<String> {
        BundledPrograms() {
            super(Programs.BUNDLED);
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        MachineConfig config;
        CowStrategy strategy;
        KernelCosts costs;
        TraceLimit traceLimit;
        try {
            traceLimit = TraceLimit.of(traceLimitValue, "--trace-limit");
            strategy = CowStrategy.parse(strategyName);
            costs = KernelCosts.parse(kernelCostsText);
            config = machineOptions.config(4, KernelCosts.IPI_DELAY);
        } catch (IllegalArgumentException e) {
            err.println("hartlab run: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (maxInstructions <= 0) {
            err.println("hartlab run: --max-instructions must be positive, got " + maxInstructions);
            return ExitCodes.USAGE;
        }
        if (gdb.problem() != null) {
            err.println("hartlab run: " + gdb.problem());
            return ExitCodes.USAGE;
        }
        String traceProblem = traceFile == null ? null : TraceFile.problem(traceFile);
        if (traceProblem != null) {
            err.println("hartlab run: cannot write trace " + traceFile + ": " + traceProblem);
            return ExitCodes.USAGE;
        }
        if (config.ramMiB() < 4) {
            err.println("hartlab run: the kernel needs at least 4 MiB of RAM");
            return ExitCodes.USAGE;
        }
        PrintStream console = System.out;
        Machine machine = new Machine(config, console);
        Kernel kernel = Kernel.boot(machine, strategy, costs);
        kernel.setStdin(System.in, stdinNeverBlocks());
        kernel.setStderr(System.err);
        if (checkInvariants) {
            kernel.checkInvariantsEvery(Kernel.INVARIANT_CHECK_INTERVAL);
        }
        try {
            ElfImage image = Programs.load(program);
            List<String> argv = new ArrayList<>();
            argv.add(program);
            argv.addAll(args);
            kernel.spawn(image, argv, List.of("HARTLAB_SEED=" + config.seed()));
        } catch (ElfLoadException | ExecException e) {
            err.println("hartlab run: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (config.engine() == Engine.Kind.DETERMINISTIC) {
            err.println("hartlab run: " + MachineOptions.seedLine(config, true, spec.commandLine().getParseResult()));
        }
        err.flush();
        EventRecorder recorder = traceFile == null ? null : traceLimit.recorder();
        if (recorder != null) {
            machine.setEventSink(recorder);
        }
        if (recorder != null || stopOnStale) {
            machine.watchStaleAccesses(stopOnStale);
        }
        if (gdb.requested()) {
            int code = gdb.serve("run", machine, maxInstructions, kernel::describeHart, err,
                    () -> finish(kernel.run(maxInstructions), machine, kernel, recorder, config, console, err));
            console.flush();
            return code;
        }
        try (StopOnInterrupt interrupt = new StopOnInterrupt(machine)) {
            return finish(kernel.run(maxInstructions), machine, kernel, recorder, config, console, err);
        }
    }

    /**
     * Whether reading our stdin can never wait for the host: bytes in memory (a test's), a regular file or
     * /dev/null. Then the guest reads it directly, end of file included, and the run stays deterministic.
     */
    private static boolean stdinNeverBlocks() {
        if (System.in instanceof java.io.ByteArrayInputStream) {
            return true;
        }
        try {
            Path in = Path.of("/dev/stdin").toRealPath();
            return Files.isRegularFile(in) || in.equals(Path.of("/dev/null"));
        } catch (IOException | RuntimeException e) {
            return false; // no /dev/stdin to look at: read it as a pipe
        }
    }

    private int finish(RunResult result, Machine machine, Kernel kernel, EventRecorder recorder, MachineConfig config,
                       PrintStream console, PrintWriter err) {
        console.flush();
        System.err.flush();
        if (recorder != null && !writeTrace(recorder, config, err)) {
            return ExitCodes.USAGE;
        }
        if (stats) {
            err.println("hartlab run: " + kernel.statistics().oneLine());
        }
        List<String> violations = checkInvariants ? kernel.invariantsAfterRun(result.outcome()) : List.of();
        violations.forEach(v -> err.println("hartlab run: invariant violated: " + v));
        if (machine.staleAccesses() > 0) {
            err.println("hartlab run: " + machine.staleAccesses() + " accesses went through stale TLB entries");
        }
        int code = exitCode(result, machine, kernel, err);
        return violations.isEmpty() || code != 0 ? code : ExitCodes.INVARIANT;
    }

    private int exitCode(RunResult result, Machine machine, Kernel kernel, PrintWriter err) {
        return switch (result.outcome()) {
            case EXITED -> WaitStatus.shellExitCode(result.exitCode());
            case INSTRUCTION_LIMIT -> {
                err.printf("hartlab run: instruction limit %d reached (hart %d at pc 0x%x)%n", maxInstructions,
                        result.stoppedHart(), result.stoppedPc());
                yield ExitCodes.INSTRUCTION_LIMIT;
            }
            case DEADLOCK -> {
                err.println("hartlab run: every hart idles and no process can run");
                yield ExitCodes.DEADLOCK;
            }
            case BREAK -> {
                if (machine.staleStop() != null) {
                    err.println("hartlab run: stopped before a stale access, " + machine.staleStop());
                    err.println("hartlab run: " + kernel.describeHart(result.stoppedHart()));
                } else {
                    err.printf("hartlab run: stopped after %d instructions%n", result.instructions());
                }
                yield ExitCodes.STOPPED;
            }
            case STOPPED -> {
                err.printf("hartlab run: stopped after %d instructions%n", result.instructions());
                yield ExitCodes.STOPPED;
            }
        };
    }

    private boolean writeTrace(EventRecorder recorder, MachineConfig config, PrintWriter err) {
        try (OutputStream out = TraceFile.open(traceFile)) {
            ChromeTraceWriter.write(out, recorder.window(), config.harts(),
                    "hartlab run %s seed %d %s".formatted(program, config.seed(), strategyName));
        } catch (IOException e) {
            err.println("hartlab run: cannot write trace " + traceFile + ": " + TraceFile.reason(e));
            return false;
        }
        String dropped = TraceLimit.dropped(recorder, "--trace-limit");
        err.printf("hartlab run: trace of %d events written to %s%s%n", recorder.events().size(), traceFile,
                dropped.isEmpty() ? "" : " (" + dropped + ")");
        return true;
    }

}
