package org.hartlab.tools.shell;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.RunResult;
import org.hartlab.core.elf.ElfLoadException;
import org.hartlab.core.elf.ElfReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bare FILE.elf}: run a bare-metal program on a machine of its own, in the foreground. The kernel's machine
 * (and its background jobs) waits meanwhile.
 */
@Command(name = "bare", mixinStandardHelpOptions = true,
        description = {"Run a bare-metal RV64 ELF on a machine of its own; Ctrl-C stops it.",
            "Every hart starts at the entry in M-mode with a0 = hartid; HTIF output streams to the terminal. "
                + "The kernel's processes wait meanwhile; the seed is the current boot's."})
final class BareProgramCommand extends ShellCommand {
    @Option(names = "--harts", paramLabel = "N", description = "Number of harts (default: ${DEFAULT-VALUE}).")
    int harts = 1;

    @Option(names = "--max-instructions", paramLabel = "N",
            description = "Stop after N instructions (default: ${DEFAULT-VALUE}).")
    long maxInstructions = 10_000_000_000L;

    @Parameters(paramLabel = "FILE.elf", description = "The program to run.")
    Path file;

    BareProgramCommand(ShellSession session) {
        super(session);
    }

    @Override
    protected boolean needsKernel() {
        return false;
    }

    @Override
    protected int execute() {
        if (maxInstructions <= 0) {
            return fail("--max-instructions must be positive, got " + maxInstructions);
        }
        Machine machine;
        try {
            MachineConfig config = MachineConfig.defaults().withHarts(harts).withSeed(session.settings().seed());
            machine = new Machine(config, session.console());
            machine.load(ElfReader.read(file));
        } catch (IllegalArgumentException | ElfLoadException e) {
            return fail(e.getMessage());
        }
        RunResult result;
        try {
            result = session.paused(() -> runInForeground(machine));
        } catch (IllegalStateException e) {
            return fail(e.getMessage());
        }
        return switch (result.outcome()) {
            case EXITED -> {
                out().printf("%s: exit %d%n", file, result.exitCode());
                yield 0;
            }
            case INSTRUCTION_LIMIT -> fail("instruction limit %d reached at pc %s (hart %d)".formatted(maxInstructions,
                    Format.hex(result.stoppedPc()), result.stoppedHart()));
            case DEADLOCK -> fail("every hart waits for an interrupt that cannot arrive (hart %d at pc %s)".formatted(
                    result.stoppedHart(), Format.hex(result.stoppedPc())));
            case STOPPED, BREAK -> fail("stopped after %d instructions (hart %d at pc %s)".formatted(
                    result.instructions(), result.stoppedHart(), Format.hex(result.stoppedPc())));
        };
    }

    private RunResult runInForeground(Machine machine) {
        AtomicReference<RunResult> result = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().name("hartlab-bare").start(() -> {
            try {
                result.set(machine.run(maxInstructions));
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        session.awaitForeground(() -> !runner.isAlive(), machine::requestStop, file.getFileName().toString(), machine);
        try {
            runner.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("internal error in the machine: " + failure.get(), failure.get());
        }
        return result.get();
    }
}
