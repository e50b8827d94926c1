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
            "Faults by cause (trapped from user mode) and by kind; spurious faults as the kernel and the TLBs "
                + "counted them; SFENCE.VMAs by form."})
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
            table.row("faults", k.faults(), "trapped: " + joined(events.faultsByCause()));
            table.row("  by kind", "", "zero-fill %d, cow-copy %d, upgrade %d, spurious %d, busy-sleep %d".formatted(
                    k.zeroFills(), k.cowCopies(), k.upgrades(), k.spurious(), k.busySleeps()));
            table.row("  by outcome", "", joined(events.faultsByOutcome()));
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
