package org.hartlab.tools.difftest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.RunResult;
import org.hartlab.core.elf.ElfLoadException;
import org.hartlab.core.elf.ElfReader;

/**
 * Runs one program on hartlab (in-process, one hart, deterministic engine) and on
 * {@code qemu-system-riscv64 -machine spike} (a child process started first, so both run at once), and
 * compares their dumps.
 */
public final class DiffRunner {
    /** Far more than any generated program needs (loops run at most 4 times, the dump ~30k instructions). */
    static final long MAX_INSTRUCTIONS = 50_000_000L;

    private final Path qemu;
    private final Duration timeout;

    /** One program's outcome: both dumps and their differences, most telling first (empty if they agree). */
    public record Result(Program program, GuestDump hartlab, GuestDump qemu, List<GuestDump.Difference> differences) {
        public boolean agree() {
            return differences.isEmpty();
        }
    }

    /** {@code qemu} is the qemu-system-riscv64 binary; a QEMU run longer than {@code timeout} is killed. */
    public DiffRunner(Path qemu, Duration timeout) {
        this.qemu = qemu;
        this.timeout = timeout;
    }

    public Result run(Program program) throws IOException, InterruptedException {
        Path elf = Files.createTempFile("hartlab-difftest-" + program.seed() + "-", ".elf");
        Path output = Files.createTempFile("hartlab-difftest-" + program.seed() + "-", ".out");
        try {
            Files.write(elf, program.elf());
            Process process = new ProcessBuilder(qemu.toString(), "-machine", "spike", "-bios", "none",
                    "-nographic", "-kernel", elf.toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            GuestDump mine;
            try {
                mine = runHartlab(program);
            } catch (RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
            String status;
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                status = "exit " + process.exitValue();
            } else {
                process.destroyForcibly().waitFor();
                status = "timeout after " + timeout.toSeconds() + " s";
            }
            GuestDump theirs = GuestDump.parse(Files.readString(output, StandardCharsets.ISO_8859_1), status);
            return new Result(program, mine, theirs, mine.differences(theirs, "hartlab", "qemu"));
        } finally {
            Files.deleteIfExists(elf);
            Files.deleteIfExists(output);
        }
    }

    /** Runs {@code program} on a fresh one-hart machine and parses what it printed; a crash becomes the status. */
    public static GuestDump runHartlab(Program program) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine machine = new Machine(MachineConfig.defaults(), console);
        try {
            machine.load(ElfReader.read("seed-" + program.seed() + ".elf", program.elf()));
        } catch (ElfLoadException e) {
            throw new IllegalStateException("difftest: hartlab rejects the generated ELF: " + e.getMessage(), e);
        }
        RunResult result;
        try {
            result = machine.run(MAX_INSTRUCTIONS);
        } catch (RuntimeException e) {
            // A crash of the emulator is a finding like any other: report it with the seed, do not abort the run.
            return GuestDump.parse(console.toString(StandardCharsets.ISO_8859_1), "crash: " + e);
        }
        String status = switch (result.outcome()) {
            case EXITED -> "exit " + result.exitCode();
            case INSTRUCTION_LIMIT -> "instruction limit at pc 0x%x".formatted(result.stoppedPc());
            default -> result.outcome().toString().toLowerCase(Locale.ROOT)
                    + " at pc 0x%x".formatted(result.stoppedPc());
        };
        return GuestDump.parse(console.toString(StandardCharsets.ISO_8859_1), status);
    }
}
