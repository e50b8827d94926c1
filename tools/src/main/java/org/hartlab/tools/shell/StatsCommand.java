package org.hartlab.tools.shell;

import java.util.Map;
import java.util.stream.Collectors;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.KernelStats;
import org.hartlab.mmu.TlbStatistics;
import picocli.CommandLine.Command;

/** {@code stats}: the counters of this boot. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Counters since boot: faults, COW copies, IPIs, shootdowns, sfences.",
            "Faults trapped from user mode and taken by system calls on user memory (which trap nothing); every "
                + "fault by the kind it ended as (these add up to the total); the trapped ones by cause and outcome; "
                + "busy-page sleeps (a fault may sleep, then ends as one kind); spurious faults as the kernel and "
                + "the TLBs counted them; SFENCE.VMAs by form."})
final class StatsCommand extends ShellCommand {
    StatsCommand(ShellSession session) {
        super(session);
    }

    @Override
    protected int execute() {
        Table table = new Table("COUNTER", "VALUE", "DETAIL");
        session.paused(() -> {
            KernelStats k = session.kernel().statistics();
            ShellEvents events = session.events();
            long all = 0;
            long asid = 0;
            long va = 0;
            long vaAsid = 0;
            for (Hart h : session.machine().harts()) {
                TlbStatistics t = h.mmu().statistics();
                all += t.flushesAll();
                asid += t.flushesAsid();
                va += t.flushesVa();
                vaAsid += t.flushesVaAsid();
            }
            // Every fault ends in exactly one kind; one the kernel takes itself (a system call touching user
            // memory) traps nothing, so causes and outcomes, read from the trap events, sum to the trapped ones.
            long trapped = events.faultsByCause().values().stream().mapToLong(Long::longValue).sum();
            long resolved = k.zeroFills() + k.cowCopies() + k.upgrades() + k.spurious();
            table.row("faults", k.faults(), "trapped from user mode %d, taken by system calls on user memory %d"
                    .formatted(trapped, k.faults() - trapped));
            table.row("  by kind", "", "zero-fill %d, cow-copy %d, upgrade %d, spurious %d%s (all faults)".formatted(
                    k.zeroFills(), k.cowCopies(), k.upgrades(), k.spurious(),
                    k.faults() > resolved ? ", refused (segv, no memory) " + (k.faults() - resolved) : ""));
            table.row("  trapped", "", "by cause: %s; by outcome: %s".formatted(joined(events.faultsByCause()),
                    joined(events.faultsByOutcome())));
            table.row("busy sleeps", k.busySleeps(), "faults that waited for a busy page, then ended as above");
            table.row("cow copies", k.cowCopies(), "guest ticks in copying faults " + k.cowTicks());
            table.row("spurious faults", k.spurious(), "the TLBs counted " + k.tlbSpurious());
            table.row("ipis", k.ipisPosted(), "delivered %d, for shootdowns %d".formatted(
                    session.machine().ipis().delivered(), k.shootdownIpis()));
            table.row("shootdowns", events.shootdowns(), "acknowledgements " + events.acknowledgements());
            table.row("sfences", all + asid + va + vaAsid,
                    "all %d, asid %d, va %d, va+asid %d".formatted(all, asid, va, vaAsid));
            table.row("instructions", k.instructions(), "");
            table.row("unknown syscalls", k.unknownSyscalls(), "");
            table.row("marks", k.marks(), "hartlab_mark calls: violations the program reported");
        });
        table.print(out());
        return 0;
    }

    private static String joined(Map<String, Long> counts) {
        return counts.isEmpty() ? "-"
                : counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
