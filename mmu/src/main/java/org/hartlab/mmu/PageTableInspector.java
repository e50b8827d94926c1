package org.hartlab.mmu;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a guest page table from a satp value for tools (debuggers, the kernel's self-checks, tests). Inspection
 * bypasses every TLB and never writes memory, so it shows what the page table says now, not what any hart has cached.
 */
public final class PageTableInspector {

    private static final int ENTRIES_PER_TABLE = 1 << Sv39.LEVEL_BITS;

    private PageTableInspector() {}

    /**
     * Returns every leaf a walk would accept, in virtual-address order (lower half first): PTEs that pass step 3 and
     * step 6, reached through valid pointers. Invalid, reserved and misaligned PTEs are skipped, as are tables outside
     * RAM. Returns an empty list unless satp's MODE is Sv39.
     */
    public static List<Mapping> mappings(PhysicalMemory memory, long satp) {
        if (Satp.mode(satp) != Satp.MODE_SV39) {
            return List.of();
        }
        List<Mapping> out = new ArrayList<>();
        collect(memory, Satp.rootTable(satp), Sv39.LEVELS - 1, 0, false, out);
        return List.copyOf(out);
    }

    private static void collect(PhysicalMemory memory, long table, int level, long vaPrefix, boolean globalAbove,
            List<Mapping> out) {
        for (int index = 0; index < ENTRIES_PER_TABLE; index++) {
            long pteAddress = table + (long) index * Sv39.PTE_SIZE;
            if (!memory.isRam(pteAddress, Sv39.PTE_SIZE)) {
                continue;
            }
            long pte = memory.load64(pteAddress);
            if (Sv39PageWalker.invalidity(pte) != null) {
                continue;
            }
            long va = vaPrefix | (long) index << Sv39.pageShift(level);
            boolean global = globalAbove || Pte.global(pte);
            if (Pte.isLeaf(pte)) {
                if (!Sv39PageWalker.misalignedSuperpage(pte, level)) {
                    out.add(new Mapping(Sv39.signExtend(va), Pte.physicalAddress(pte), PageSize.ofLevel(level), pte,
                            global));
                }
            } else if (level > 0) {
                collect(memory, Pte.physicalAddress(pte), level - 1, va, global, out);
            }
        }
    }

    /**
     * Walks {@code va} from {@code satp} and records each level read: the structural walk (steps 1–4 and 6) of the
     * privileged spec, without access type, privilege or A/D checks. Bare mode yields {@code va} with no steps.
     */
    public static WalkTrace walk(PhysicalMemory memory, long satp, long va) {
        if (Satp.mode(satp) != Satp.MODE_SV39) {
            return new WalkTrace(va, satp, List.of(), va, null, null);
        }
        if (!Sv39.isCanonical(va)) {
            return new WalkTrace(va, satp, List.of(), -1, null, FaultReason.NON_CANONICAL_ADDRESS);
        }
        List<WalkStep> steps = new ArrayList<>(Sv39.LEVELS);
        WalkResult result = new WalkResult();
        new Sv39PageWalker(memory, PteAccessCheck.NONE).inspect(va, Satp.ppn(satp), result, steps);
        if (result.isFault()) {
            return new WalkTrace(va, satp, steps, -1, null, result.fault);
        }
        return new WalkTrace(va, satp, steps, result.physicalAddress, PageSize.ofLevel(result.level), null);
    }
}
