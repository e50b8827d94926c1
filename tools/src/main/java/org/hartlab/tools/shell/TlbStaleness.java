package org.hartlab.tools.shell;

import org.hartlab.mmu.PageTableInspector;
import org.hartlab.mmu.PhysicalMemory;
import org.hartlab.mmu.Pte;
import org.hartlab.mmu.TlbEntryView;
import org.hartlab.mmu.WalkTrace;

/**
 * Whether a TLB entry still says what the page table in memory says: the same validity, page size, physical page
 * and R/W/X/U bits. A and D are not compared (hardware sets them behind a clean entry without making it wrong), nor
 * G (an entry's G may come from a pointer above the leaf).
 */
final class TlbStaleness {
    private static final long COMPARED = Pte.R | Pte.W | Pte.X | Pte.U;

    private TlbStaleness() {
    }

    /**
     * Returns null if {@code entry} agrees with the page table selected by {@code satp} (0: no address space has
     * the entry's ASID any more), or what the page table says instead.
     */
    static String disagreement(TlbEntryView entry, long satp, PhysicalMemory memory) {
        if (satp == 0) {
            return "no address space has asid " + entry.asid();
        }
        WalkTrace walk = PageTableInspector.walk(memory, satp, entry.virtualAddress());
        if (walk.isFault()) {
            return entry.invalid() ? null : "page table: unmapped";
        }
        long leaf = walk.steps().getLast().pte();
        String now = "page table: %s %s %s".formatted(Format.hex(walk.physicalAddress()), Format.perms(leaf),
                Format.size(walk.pageSize()));
        if (entry.invalid()) {
            return now;
        }
        boolean agrees = walk.pageSize() == entry.pageSize() && walk.physicalAddress() == entry.physicalAddress()
                && (leaf & COMPARED) == (entry.flags() & COMPARED);
        return agrees ? null : now;
    }
}
