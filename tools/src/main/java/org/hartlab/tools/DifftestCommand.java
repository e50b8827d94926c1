package org.hartlab.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.hartlab.tools.difftest.DiffRunner;
import org.hartlab.tools.difftest.Program;
import org.hartlab.tools.difftest.ProgramGenerator;
import org.hartlab.tools.difftest.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hartlab difftest}: random RV64IMAC programs run on hartlab and on QEMU; any difference in the final
 * registers or scratch memory is printed with the seed that regenerates the program.
 */
@Command(name = "difftest", mixinStandardHelpOptions = true,
        description = {"Differential test against qemu-system-riscv64 -machine spike: generate random valid "
                + "RV64IMAC programs from seeds, run each on both, compare x1..x31 and a memory checksum.",
            "Program i uses seed SEED+i. Exit 0: all agree; 1: a difference (its seed is printed); "
                + "2: usage error or qemu-system-riscv64 missing."})
public final class DifftestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the first program (default: random, printed).")
    Long seed;

    @Option(names = "--count", paramLabel = "N", description = "Number of programs (default: ${DEFAULT-VALUE}).")
    int count = 200;

    @Option(names = "--length", paramLabel = "N",
            description = "Instructions per generated program body (default: ${DEFAULT-VALUE}).")
    int length = 1000;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Kill a QEMU run after this long (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 30;

    @Option(names = "--fp", description = "Mix F and D operations (special values, every rounding mode, fflags) "
            + "into the programs and compare f0-f31 and fcsr too.")
    boolean fp;

    @Option(names = "--keep-going", description = "Run all programs even after a difference.")
    boolean keepGoing;

    @Option(names = "--save", paramLabel = "DIR",
            description = "Write the ELF and listing of every disagreeing program into DIR.")
    Path saveDir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (count < 1 || length < 1 || length > 1_000_000 || timeoutSeconds < 1) {
            err.println("hartlab difftest: --count, --length (at most 1000000) and --timeout must be positive");
            return ExitCodes.USAGE;
        }
        Path qemu = HostTools.find("qemu-system-riscv64").orElse(null);
        if (qemu == null) {
            err.println("hartlab difftest: qemu-system-riscv64 is not on PATH "
                    + "(Debian: apt-get install qemu-system-misc)");
            return ExitCodes.USAGE;
        }
        long first = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1L << 40);
        out.printf("difftest: %d %sprograms of %d instructions, seeds %d..%d%n", count, fp ? "F/D " : "", length, first,
                first + count - 1);
        out.flush();
        DiffRunner runner = new DiffRunner(qemu, Duration.ofSeconds(timeoutSeconds));
        int failures = 0;
        for (int i = 0; i < count; i++) {
            Program program = ProgramGenerator.generate(first + i, length, fp);
            DiffRunner.Result result = runner.run(program);
            if (!result.agree()) {
                failures++;
                Report.disagreement(result, out);
                save(program, out);
                if (!keepGoing) {
                    break;
                }
            }
            if ((i + 1) % 50 == 0 && i + 1 < count) {
                out.printf("difftest: %d/%d done, %d disagreed%n", i + 1, count, failures);
                out.flush();
            }
        }
        if (failures == 0) {
            out.printf("difftest: all %d programs agree%n", count);
            return 0;
        }
        out.printf("difftest: %d program(s) disagreed%n", failures);
        return 1;
    }

    private void save(Program program, PrintWriter out) throws IOException {
        if (saveDir == null) {
            return;
        }
        Files.createDirectories(saveDir);
        Path elf = saveDir.resolve("difftest-" + program.seed() + ".elf");
        Files.write(elf, program.elf());
        Files.write(saveDir.resolve("difftest-" + program.seed() + ".lst"), program.listing());
        out.println("  saved " + elf + " and its .lst");
    }
}
