package org.hartlab.tools;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.List;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.RunResult;
import org.hartlab.core.engine.Engine;
import org.hartlab.core.elf.ElfLoadException;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.KernelStats;
import org.hartlab.kernel.Programs;
import org.hartlab.kernel.exec.ExecException;
import org.hartlab.kernel.vm.CowStrategy;

/**
 * {@code hartlab bench cow}: what a copy-on-write fault costs the host. Boots the kernel on four harts under the
 * parallel engine and runs cow-race, whose threads A, B and C run on three harts, so each COW copy shoots the
 * page down on the others; then cow-cost, one thread whose COW faults need no IPI, as the baseline. Per copy it
 * prints the host time spent inside the faults that copied (copy, PTE update, shootdown and the wait for every
 * acknowledgement), and the whole run's wall time divided by the copies, which also carries the guest's work.
 */
final class CowBench {
    private static final int HARTS = 4;
    private static final int RACE_ITERATIONS = 300;
    private static final String COST_PAGES = "16";
    private static final String COST_ROUNDS = "100";

    private CowBench() {
    }

    /** Prints one line per workload; returns false (after printing why) when a guest did not exit cleanly. */
    static boolean run(PrintWriter out, PrintWriter err, int repeat) throws ElfLoadException, ExecException {
        out.printf("%-10s %6s %10s %14s %9s %12s %14s %12s%n", "workload", "harts", "cow-copies", "shootdown-ipis",
                "seconds", "fault-us", "run-us/copy", "ipis/copy");
        return row(out, err, repeat, "cow-race", List.of("cow-race", Integer.toString(RACE_ITERATIONS)))
                && row(out, err, repeat, "cow-cost", List.of("cow-cost", COST_PAGES, COST_ROUNDS));
    }

    private static boolean row(PrintWriter out, PrintWriter err, int repeat, String name, List<String> argv)
            throws ElfLoadException, ExecException {
        Run best = null;
        for (int i = 0; i < repeat; i++) {
            Run r = once(name, argv);
            if (r.result.outcome() != RunResult.Outcome.EXITED || r.result.exitCode() != 0) {
                err.printf("hartlab bench: %s did not exit cleanly (%s, code %d)%n", name, r.result.outcome(),
                        r.result.exitCode());
                return false;
            }
            if (best == null || r.seconds < best.seconds) {
                best = r;
            }
        }
        long copies = Math.max(1, best.stats.cowCopies());
        out.printf("%-10s %6d %10d %14d %9.3f %12.1f %14.1f %12.2f%n", name, HARTS, best.stats.cowCopies(),
                best.stats.shootdownIpis(), best.seconds, best.cowHostNanos / 1e3 / copies,
                best.seconds * 1e6 / copies, (double) best.stats.shootdownIpis() / copies);
        out.flush();
        return true;
    }

    private record Run(RunResult result, KernelStats stats, long cowHostNanos, double seconds) {
    }

    private static Run once(String program, List<String> argv) throws ElfLoadException, ExecException {
        MachineConfig config = MachineConfig.defaults().withHarts(HARTS).withEngine(Engine.Kind.PARALLEL);
        Machine machine = new Machine(config, OutputStream.nullOutputStream());
        Kernel kernel = Kernel.boot(machine, CowStrategy.TWO_STAGE);
        kernel.spawn(Programs.load(program), argv, List.of());
        long start = System.nanoTime();
        RunResult result = machine.run(Long.MAX_VALUE);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Run(result, kernel.statistics(), kernel.cowHostNanos(), seconds);
    }
}
