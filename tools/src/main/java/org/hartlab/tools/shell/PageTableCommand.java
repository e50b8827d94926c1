package org.hartlab.tools.shell;

import org.hartlab.core.bus.RamPhysicalMemory;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.mmu.Mapping;
import org.hartlab.mmu.PageTableInspector;
import org.hartlab.mmu.PhysicalMemory;
import org.hartlab.mmu.Pte;
import org.hartlab.mmu.WalkStep;
import org.hartlab.mmu.WalkTrace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pt PID [VA]}: a process's page table, as it is in memory now. */
@Command(name = "pt", mixinStandardHelpOptions = true,
        description = {"Show a process's page table: every mapping, or the walk of one VA.",
            "Read from memory as it is now, bypassing every TLB; a walk decodes each level's PTE."})
final class PageTableCommand extends ShellCommand {
    @Parameters(index = "0", paramLabel = "PID", description = "The process (see ps).")
    int pid;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VA", description = "A virtual address in hex (0x optional).")
    String va;

    PageTableCommand(ShellSession session) {
        super(session);
    }

    @Override
    protected int execute() {
        long address;
        try {
            address = va == null ? -1 : Format.parseAddress(va);
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        String problem = session.paused(() -> {
            Proc p = session.kernel().processTable().get(pid);
            if (p == null) {
                return "no process " + pid;
            }
            if (p.vmDestroyed()) {
                return "pid %d (%s) has ended; its page table is gone".formatted(pid, p.name());
            }
            PhysicalMemory memory = RamPhysicalMemory.readOnly(session.machine().bus().ram());
            long satp = p.vmMap().pmap().satp();
            out().printf("pid %d (%s): satp %s, asid %d%n", pid, p.name(), Format.hex(satp), p.vmMap().pmap().asid());
            if (va == null) {
                mappings(memory, satp);
            } else {
                walk(PageTableInspector.walk(memory, satp, address));
            }
            return null;
        });
        return problem == null ? 0 : fail(problem);
    }

    private void mappings(PhysicalMemory memory, long satp) {
        var all = PageTableInspector.mappings(memory, satp);
        Table table = new Table("VA", "PA", "SIZE", "PERMS");
        for (Mapping m : all) {
            table.row(Format.hex(m.virtualAddress()), Format.hex(m.physicalAddress()), Format.size(m.pageSize()),
                    Format.perms(m.pte()) + (m.global() && !Pte.global(m.pte()) ? " (G inherited)" : ""));
        }
        out().printf("%d mapping%s%n", all.size(), all.size() == 1 ? "" : "s");
        if (!all.isEmpty()) {
            table.print(out());
        }
    }

    private void walk(WalkTrace walk) {
        out().println("walk of " + Format.hex(walk.virtualAddress()) + ":");
        for (WalkStep step : walk.steps()) {
            out().printf("  level %d  PTE at %s = 0x%016x  %s%n", step.level(), Format.hex(step.pteAddress()), step.pte(),
                    decode(step));
        }
        if (walk.isFault()) {
            out().println("  -> fault: " + walk.fault().description());
        } else {
            out().printf("  -> PA %s (%s page)%n", Format.hex(walk.physicalAddress()), Format.size(walk.pageSize()));
        }
    }

    /** What a PTE means at its level: invalid, a pointer to the next table, or a leaf; then every field. */
    private static String decode(WalkStep step) {
        if (!step.inRam()) {
            return "not in RAM";
        }
        long pte = step.pte();
        String meaning = !Pte.valid(pte) ? "invalid"
                : Pte.isLeaf(pte) ? "leaf -> " + Format.hex(Pte.physicalAddress(pte)) + " " + Format.perms(pte)
                : "pointer -> table at " + Format.hex(Pte.physicalAddress(pte));
        return meaning + "  [" + Pte.describe(pte) + "]";
    }
}
