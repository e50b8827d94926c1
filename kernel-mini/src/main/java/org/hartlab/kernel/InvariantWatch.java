package org.hartlab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hartlab.core.Machine;
import org.hartlab.core.RunResult;
import org.hartlab.core.engine.Engine;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.kernel.proc.Processes;
import org.hartlab.kernel.vm.PhysicalPages;
import org.hartlab.kernel.vm.VmInvariants;
import org.hartlab.kernel.vm.VmMap;

/**
 * {@code --check-invariants}: the kernel's VM invariants ({@link VmInvariants}) checked over every live address
 * space and every hart's TLB, on demand, periodically during a run, and on each page a fault resolved. Its state
 * is guarded by the kernel lock (the periodic checks run at the end of a trap, or with the machine stopped).
 */
final class InvariantWatch {
    private final Machine machine;
    private final PhysicalPages pages;
    private final Processes processes;
    // the periodic checks (0: none), how many ran, and what the first failing one (or the first failing check of
    // a faulted page) found
    private long checkEvery;
    private long nextCheck;
    private long checksRun;
    private List<String> periodicViolations = List.of();

    InvariantWatch(Machine machine, PhysicalPages pages, Processes processes) {
        this.machine = machine;
        this.pages = pages;
        this.processes = processes;
    }

    /** One line per violation; call with the machine stopped ({@code QUIESCENT} once every process has exited). */
    List<String> check(VmInvariants.Strength strength) {
        Map<String, VmMap> maps = new LinkedHashMap<>();
        for (Proc p : processes.all().values()) {
            if (!p.vmDestroyed()) {
                maps.put("pid %d (%s)".formatted(p.pid(), p.name()), p.vmMap());
            }
        }
        return VmInvariants.check(pages, maps, machine.harts(), strength);
    }

    /** See {@link Kernel#checkInvariantsEvery}. */
    void every(long instructions) {
        checkEvery = instructions;
        nextCheck = instructions;
    }

    long checksRun() {
        return checksRun;
    }

    /** See {@link Kernel#run}. */
    RunResult run(long maxInstructions) {
        if (checkEvery == 0 || machine.config().engine() != Engine.Kind.PARALLEL) {
            return machine.run(maxInstructions);
        }
        long executed = 0;
        while (true) {
            RunResult r = machine.run(Math.min(checkEvery, maxInstructions - executed));
            executed += r.instructions();
            if (r.outcome() != RunResult.Outcome.INSTRUCTION_LIMIT || executed >= maxInstructions) {
                return new RunResult(r.outcome(), r.exitCode(), executed, r.stoppedPc(), r.stoppedHart());
            }
            record(check(VmInvariants.Strength.ALWAYS));
        }
    }

    /** See {@link Kernel#invariantsAfterRun}. */
    List<String> afterRun(RunResult.Outcome outcome) {
        List<String> all = new ArrayList<>(periodicViolations);
        boolean quiescent = outcome == RunResult.Outcome.EXITED || outcome == RunResult.Outcome.DEADLOCK;
        all.addAll(check(quiescent ? VmInvariants.Strength.QUIESCENT : VmInvariants.Strength.ALWAYS));
        return all;
    }

    /**
     * At the end of a trap under the deterministic engine, with the kernel lock held: the other harts are parked,
     * so their TLBs hold still while the checker reads them.
     */
    void atTrap() {
        if (checkEvery == 0 || machine.config().engine() != Engine.Kind.DETERMINISTIC
                || instructions(machine) < nextCheck) {
            return;
        }
        nextCheck = instructions(machine) + checkEvery;
        record(check(VmInvariants.Strength.ALWAYS));
    }

    /**
     * With periodic checks on, also checks the page a fault just resolved, at once: a broken copy-on-write share
     * lasts only as long as the child that shares the page, far less than a check interval.
     */
    void faultedPage(Proc p, long va) {
        if (checkEvery == 0 || p.vmDestroyed()) {
            return;
        }
        List<String> found = VmInvariants.checkPage(pages, "pid %d (%s)".formatted(p.pid(), p.name()), p.vmMap(), va);
        if (!found.isEmpty()) {
            periodicViolations = found;
            checkEvery = 0;
        }
    }

    private void record(List<String> found) {
        checksRun++;
        if (!found.isEmpty()) {
            periodicViolations = found;
            checkEvery = 0; // the first failure tells most; later ones would repeat it
        }
    }

    /** Instructions retired by every hart of {@code machine}. */
    static long instructions(Machine machine) {
        long sum = 0;
        for (Hart h : machine.harts()) {
            sum += h.instret();
        }
        return sum;
    }
}
