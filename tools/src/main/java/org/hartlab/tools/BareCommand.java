package org.hartlab.tools;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.RunResult;
import org.hartlab.core.engine.Engine;
import org.hartlab.core.elf.ElfImage;
import org.hartlab.core.elf.ElfLoadException;
import org.hartlab.core.elf.ElfReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hartlab bare}: run a bare-metal ELF the way Spike or QEMU's spike machine would. */
@Command(name = "bare", mixinStandardHelpOptions = true,
        description = {"Run a bare-metal RV64 ELF: every hart starts at its entry in M-mode with a0 = hartid.",
            "The HTIF console (tohost/fromhost symbols) goes to stdout; the exit code is the guest's.",
            "Exit 2: usage error or unloadable file; 3: instruction limit reached; 4: all harts wait forever;",
            "130: killed from gdb."})
public final class BareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    MachineOptions machineOptions;

    @Option(names = "--max-instructions", paramLabel = "N",
            description = "Stop after N instructions (default: ${DEFAULT-VALUE}).")
    long maxInstructions = 10_000_000_000L;

    @Option(names = "--trace-instructions",
            description = "Print every executed instruction to stderr: hart, pc, bits, mnemonic and fields, and the "
                + "registers it wrote (\"| x5 0x...\"), and the memory it loaded (\"| mem ADDR\") or stored "
                + "(\"| mem ADDR VALUE\").")
    boolean traceInstructions;

    @Mixin
    GdbOptions gdb;

    @Parameters(paramLabel = "FILE.elf", description = "The program to run.")
    Path file;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        MachineConfig config;
        try {
            config = machineOptions.config(1, "0");
        } catch (IllegalArgumentException e) {
            err.println("hartlab bare: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (maxInstructions <= 0) {
            err.println("hartlab bare: --max-instructions must be positive, got " + maxInstructions);
            return ExitCodes.USAGE;
        }
        if (gdb.problem() != null) {
            err.println("hartlab bare: " + gdb.problem());
            return ExitCodes.USAGE;
        }
        if (config.harts() > 1 && config.engine() == Engine.Kind.DETERMINISTIC) {
            err.println("hartlab bare: " + MachineOptions.seedLine(config, false, spec.commandLine().getParseResult()));
        }
        PrintStream console = System.out;
        Machine machine = new Machine(config, console);
        try {
            ElfImage image = ElfReader.read(file);
            machine.load(image);
        } catch (ElfLoadException e) {
            err.println("hartlab bare: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        CommitLog log = traceInstructions ? new CommitLog(err, config.harts()) : null;
        if (log != null) {
            machine.harts().forEach(h -> h.setInstructionListener(log));
        }
        if (gdb.requested()) {
            int code = gdb.serve("bare", machine, maxInstructions, id -> "", err,
                    () -> finish(machine.run(maxInstructions), machine, log, console, err));
            console.flush();
            return code;
        }
        try (StopOnInterrupt interrupt = new StopOnInterrupt(machine);
             SpinWatch spins = SpinWatch.watch(machine.harts(), err)) {
            return finish(machine.run(maxInstructions), machine, log, console, err);
        }
    }

    private int finish(RunResult result, Machine machine, CommitLog log, PrintStream console, PrintWriter err) {
        if (log != null) {
            log.flush(machine.harts());
        }
        console.flush();
        err.flush();
        return switch (result.outcome()) {
            case EXITED -> result.exitCode();
            case INSTRUCTION_LIMIT -> {
                err.printf("hartlab bare: instruction limit %d reached at pc 0x%x (hart %d)%n", maxInstructions,
                        result.stoppedPc(), result.stoppedHart());
                if (machine.harts().size() > 1) {
                    // the likeliest endless loop of a multi-hart guest: waiting for harts this machine lacks
                    err.printf("hartlab bare: the harts were at %s; a program written for more harts than --harts %d"
                            + " spins waiting for the others%n", machine.harts().stream()
                            .map(h -> "0x" + Long.toHexString(h.pc())).collect(java.util.stream.Collectors.joining(", ")),
                            machine.harts().size());
                }
                yield ExitCodes.INSTRUCTION_LIMIT;
            }
            case DEADLOCK -> {
                err.printf("hartlab bare: every hart waits for an interrupt that cannot arrive (hart %d at pc 0x%x)%n",
                        result.stoppedHart(), result.stoppedPc());
                yield ExitCodes.DEADLOCK;
            }
            case STOPPED, BREAK -> {
                err.printf("hartlab bare: stopped after %d instructions (hart %d at pc 0x%x)%n", result.instructions(),
                        result.stoppedHart(), result.stoppedPc());
                yield ExitCodes.STOPPED;
            }
        };
    }
}
