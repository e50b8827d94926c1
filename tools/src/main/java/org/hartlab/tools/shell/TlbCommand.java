package org.hartlab.tools.shell;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hartlab.core.bus.RamPhysicalMemory;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.mmu.PhysicalMemory;
import org.hartlab.mmu.Satp;
import org.hartlab.mmu.TlbEntryView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tlb HART}: one hart's TLB, entries that disagree with the page table marked stale. */
@Command(name = "tlb", mixinStandardHelpOptions = true,
        description = {"List a hart's TLB entries, marking those the page table no longer agrees with.",
            "Columns: array, VA, PA, permissions (rwxugad), ASID, G, page size. STALE entries",
            "(with what the page table in memory says now) stay usable by that hart until an",
            "sfence.vma covers them."})
final class TlbCommand extends ShellCommand {
    @Parameters(paramLabel = "HART", description = "Hart number (see harts).")
    int hart;

    TlbCommand(ShellSession session) {
        super(session);
    }

    @Override
    protected int execute() {
        int harts = session.machine().harts().size();
        if (hart < 0 || hart >= harts) {
            return fail("no hart " + hart + " (harts are 0.." + (harts - 1) + ")");
        }
        Table table = new Table("TLB", "VA", "PA", "PERMS", "ASID", "G", "SIZE", "");
        int[] stale = new int[1];
        List<TlbEntryView> entries = session.paused(() -> {
            Hart h = session.machine().hart(hart);
            PhysicalMemory memory = RamPhysicalMemory.readOnly(session.machine().bus().ram());
            Map<Integer, Long> satpByAsid = addressSpaces();
            long current = Satp.mode(h.csrs().satp()) == Satp.MODE_SV39 ? h.csrs().satp() : 0;
            List<TlbEntryView> all = h.mmu().entries();
            for (TlbEntryView e : all) {
                long satp = e.global() ? current : satpByAsid.getOrDefault(e.asid(), 0L);
                String disagreement = TlbStaleness.disagreement(e, satp, memory);
                if (disagreement != null) {
                    stale[0]++;
                }
                table.row(e.tlb().name().toLowerCase(Locale.ROOT), Format.hex(e.virtualAddress()),
                        e.invalid() ? "invalid" : Format.hex(e.physicalAddress()), Format.perms(e.flags()), e.asid(),
                        e.global() ? "G" : "-", Format.size(e.pageSize()),
                        disagreement == null ? "" : "STALE (" + disagreement + ")");
            }
            return all;
        });
        out().printf("hart %d: %d entr%s, %d stale%n", hart, entries.size(), entries.size() == 1 ? "y" : "ies",
                stale[0]);
        if (!entries.isEmpty()) {
            table.print(out());
        }
        return 0;
    }

    /** The satp of every address space whose page table still exists, by ASID. Call while paused. */
    private Map<Integer, Long> addressSpaces() {
        Map<Integer, Long> out = new HashMap<>();
        for (Proc p : session.kernel().processTable().values()) {
            if (!p.vmDestroyed()) {
                out.put(p.vmMap().pmap().asid(), p.vmMap().pmap().satp());
            }
        }
        return out;
    }
}
