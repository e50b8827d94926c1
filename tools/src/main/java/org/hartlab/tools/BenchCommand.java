package org.hartlab.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.RunResult;
import org.hartlab.core.engine.Engine;
import org.hartlab.core.elf.ElfImage;
import org.hartlab.core.elf.ElfLoadException;
import org.hartlab.core.elf.ElfReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hartlab bench}: runs benchmark guests and prints instructions per second, optionally next to QEMU
 * running the same ELF in the same invocation. QEMU cannot report its instruction count, so its rate is
 * hartlab's count of the (deterministic, single-hart) program divided by QEMU's wall time, start-up included.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure emulation speed on the bundled benchmark guests (or given ELFs).")
public final class BenchCommand implements Callable<Integer> {
    static final List<String> BUNDLED = List.of("loop", "intmix", "intmix-sv39", "memcpy", "pointer-chase",
            "pointer-chase-sv39", "branchy", "callmix", "callmix-sv39", "loop-smp");
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    /** Not a guest: the host cost of COW faults with and without shootdowns, see {@link CowBench}. */
    static final String COW = "cow";
    /** Run when no program is named; loop-smp is for --harts N. */
    private static final List<String> DEFAULT = BUNDLED.subList(0, BUNDLED.size() - 1);

    @Spec
    CommandSpec spec;

    @Option(names = "--vs-qemu", description = "Also run each ELF on qemu-system-riscv64 -machine spike and print the ratio.")
    boolean vsQemu;

    @Option(names = "--harts", paramLabel = "N", description = "Harts (default: ${DEFAULT-VALUE}); loop-smp runs its loop on every hart.")
    int harts = 1;

    @Option(names = "--engine", paramLabel = "E", description = "deterministic (default) or parallel.")
    String engine = "deterministic";

    @Option(names = "--cold", description = "Also time each ELF whole-process, as a user's hartlab bare pays for it: "
            + "a new JVM per run, start-up included (cold-s, cold-MIPS; with --vs-qemu, cold/qemu compares two "
            + "whole processes).")
    boolean cold;

    @Option(names = "--repeat", paramLabel = "N", description = "Runs per program; the fastest counts (default: ${DEFAULT-VALUE}).")
    int repeat = 3;

    @Parameters(paramLabel = "PROGRAM", arity = "0..*",
            description = "Bundled benchmarks (loop, intmix, intmix-sv39, memcpy, pointer-chase, pointer-chase-sv39, "
                    + "branchy, callmix, callmix-sv39, loop-smp) or ELF paths; default: all but loop-smp. 'cow' alone "
                    + "measures host time per copy-on-write fault with and without TLB shootdowns (kernel, 4 harts, "
                    + "parallel engine).")
    List<String> programs = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (repeat < 1) {
            err.println("hartlab bench: --repeat must be positive");
            return ExitCodes.USAGE;
        }
        MachineConfig config;
        try {
            config = MachineConfig.defaults().withHarts(harts).withEngine(Engine.Kind.parse(engine));
        } catch (IllegalArgumentException e) {
            err.println("hartlab bench: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (programs.contains(COW) && programs.size() > 1) {
            err.println("hartlab bench: cow runs alone (it boots the kernel; the others are bare-metal guests)");
            return ExitCodes.USAGE;
        }
        if (programs.equals(List.of(COW))) {
            try {
                return CowBench.run(out, err, repeat) ? 0 : 1;
            } catch (ElfLoadException | org.hartlab.kernel.exec.ExecException e) {
                err.println("hartlab bench: cow: " + e.getMessage());
                return 1;
            }
        }
        List<String> names = programs.isEmpty() ? DEFAULT : programs;
        List<ElfImage> images = new ArrayList<>();
        try {
            for (String name : names) {
                images.add(load(name));
            }
        } catch (ElfLoadException e) {
            err.println("hartlab bench: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Path qemu = vsQemu ? HostTools.find("qemu-system-riscv64").orElse(null) : null;
        if (vsQemu && qemu == null) {
            err.println("hartlab bench: --vs-qemu needs qemu-system-riscv64 on PATH (Debian: qemu-system-misc)");
            return ExitCodes.USAGE;
        }
        out.printf("%-18s %14s %9s %10s %10s %8s %10s%s%s%n", "program", "instructions", "seconds", "MIPS", "cpu-MIPS",
                "cpu-s", "first-MIPS", cold ? "   cold-s  cold-MIPS" : "",
                vsQemu ? "   qemu-s  qemu-MIPS  hartlab/qemu" + (cold ? "  cold/qemu" : "") : "");
        Map<String, Double> measured = new LinkedHashMap<>();
        for (ElfImage image : images) {
            Measurement m;
            try {
                m = measure(image, config);
            } catch (ElfLoadException e) {
                err.println("hartlab bench: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            if (m.result.outcome() != RunResult.Outcome.EXITED || m.result.exitCode() != 0) {
                err.printf("hartlab bench: %s did not exit cleanly (%s, code %d)%n", image.name(),
                        m.result.outcome(), m.result.exitCode());
                return 1;
            }
            double mips = m.result.instructions() / m.seconds / 1e6;
            measured.put(shortName(image.name()), mips);
            out.printf("%-18s %14d %9.3f %10.1f %10.1f %8.3f %10.1f", shortName(image.name()),
                    m.result.instructions(), m.seconds, mips, m.result.instructions() / m.leastCpuSeconds / 1e6,
                    m.cpuSeconds, m.result.instructions() / m.firstSeconds / 1e6);
            if (cold || qemu != null) {
                printWholeProcess(out, image, m.result.instructions(), mips, qemu);
            }
            out.println();
            out.flush();
        }
        printTranslationCost(out, measured);
        return 0;
    }

    /** For each program measured both with and without Sv39 (intmix, pointer-chase), what translation costs. */
    private static void printTranslationCost(PrintWriter out, Map<String, Double> measured) {
        List<String> ratios = new ArrayList<>();
        measured.forEach((name, mips) -> {
            Double sv39 = measured.get(name + "-sv39");
            if (sv39 != null) {
                ratios.add("%s %.2f".formatted(name, sv39 / mips));
            }
        });
        if (!ratios.isEmpty()) {
            out.println("Sv39/Bare speed: " + String.join(", ", ratios));
        }
    }

    /**
     * The fastest run's wall time, and the CPU time the whole process used meanwhile (hart threads, JIT, GC): on a
     * loaded host wall-clock scaling says how many cores were free, while CPU time per instruction says whether
     * harts contend. Also the least CPU time of any run (cpu-MIPS: unlike wall time, it hardly grows when other
     * processes take the cores, so it compares across loaded hosts), and the first run's wall time: it pays for
     * translating and JIT-compiling the guest's code, which later runs in the same process find done.
     */
    private record Measurement(RunResult result, double seconds, double cpuSeconds, double leastCpuSeconds,
                               double firstSeconds) {
    }

    private Measurement measure(ElfImage image, MachineConfig config) throws ElfLoadException {
        Measurement best = null;
        double first = 0;
        double leastCpu = Double.MAX_VALUE;
        for (int i = 0; i < repeat; i++) {
            Machine machine = new Machine(config, OutputStream.nullOutputStream());
            machine.load(image);
            long cpuStart = PROCESS.getProcessCpuTime();
            long start = System.nanoTime();
            RunResult r = machine.run(Long.MAX_VALUE);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (PROCESS.getProcessCpuTime() - cpuStart) / 1e9;
            if (i == 0) {
                first = seconds;
            }
            leastCpu = Math.min(leastCpu, cpuSeconds);
            if (best == null || seconds < best.seconds) {
                best = new Measurement(r, seconds, cpuSeconds, 0, first);
            }
        }
        return new Measurement(best.result, best.seconds, best.cpuSeconds, leastCpu, first);
    }

    /**
     * The whole-process columns of one program: with {@code --cold} a new JVM's {@code hartlab bare}, with {@code
     * --vs-qemu} QEMU, each run {@link #repeat} times on one temporary copy of the ELF. A failed run (the guest did
     * not exit 0 there) prints its exit code instead of a time, which would be meaningless.
     */
    private void printWholeProcess(PrintWriter out, ElfImage image, long instructions, double mips, Path qemu)
            throws IOException, InterruptedException {
        Path elf = Files.createTempFile("hartlab-bench", ".elf");
        try {
            Files.write(elf, bytesOf(image.name()));
            double coldSeconds = 0;
            if (cold) {
                coldSeconds = WholeProcess.bestSeconds(WholeProcess.hartlab(List.of("bare", "--harts",
                        Integer.toString(harts), "--engine", engine, elf.toString())), repeat);
                if (coldSeconds < 0) {
                    out.printf("   cold run failed (exit %d)", (int) -coldSeconds);
                } else {
                    out.printf("   %6.3f %10.1f", coldSeconds, instructions / coldSeconds / 1e6);
                }
            }
            if (qemu != null) {
                double qemuSeconds = WholeProcess.bestSeconds(List.of(qemu.toString(), "-machine", "spike", "-smp",
                        Integer.toString(harts), "-bios", "none", "-nographic", "-kernel", elf.toString()), repeat);
                if (qemuSeconds < 0) {
                    out.printf("   qemu failed (exit %d): no ratio", (int) -qemuSeconds);
                } else {
                    double qemuMips = instructions / qemuSeconds / 1e6;
                    out.printf("   %6.3f %10.1f %13.3f", qemuSeconds, qemuMips, mips / qemuMips);
                    if (cold && coldSeconds > 0) {
                        out.printf(" %10.3f", qemuSeconds / coldSeconds);
                    }
                }
            }
        } finally {
            Files.deleteIfExists(elf);
        }
    }

    private static ElfImage load(String name) throws ElfLoadException {
        if (BUNDLED.contains(name)) {
            return ElfReader.read(name, bytesOf(name));
        }
        return ElfReader.read(Path.of(name));
    }

    private static byte[] bytesOf(String name) {
        if (!BUNDLED.contains(name)) {
            try {
                return Files.readAllBytes(Path.of(name));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        try (InputStream in = BenchCommand.class.getResourceAsStream("/bench/" + name + ".elf")) {
            if (in == null) {
                throw new IllegalStateException("bench: bundled program " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String shortName(String name) {
        return Path.of(name).getFileName().toString().replaceFirst("\\.elf$", "");
    }
}
