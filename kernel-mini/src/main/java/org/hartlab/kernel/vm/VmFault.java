package org.hartlab.kernel.vm;

import org.hartlab.core.hart.Hart;

/**
 * vm_fault: resolves a page fault of a user access. Finds the map entry, checks the access against its
 * protection, brings in the page (zero-fill on first touch) and enters the mapping. A fault whose mapping
 * already allows the access is spurious — the faulting hart's TLB held an older translation — and only needs a
 * local SFENCE.VMA.
 */
public final class VmFault {
    /** How a fault ended. */
    public enum Result { RESOLVED, SPURIOUS, SEGV, NO_MEMORY }

    /** What the faulting access wanted, as a protection bit. */
    public static int needed(int cause) {
        return switch (cause) {
            case 12 -> Prot.EXEC;
            case 13 -> Prot.READ;
            default -> Prot.WRITE;
        };
    }

    private VmFault() {
    }

    /**
     * The loader's way in: makes page {@code va} resident and mapped with its entry's protection, whatever that
     * is, and returns its physical address (-1 if no entry covers it or RAM is exhausted).
     */
    public static long pageIn(VmMap map, long va, Hart hart) {
        VmMapEntry entry = map.lookup(va);
        if (entry == null) {
            return -1;
        }
        long page = VmMap.pageDown(va);
        VmPage resident = entry.page(page);
        if (resident == null) {
            resident = map.physicalPages().allocate();
            if (resident == null) {
                return -1;
            }
            entry.putPage(page, resident);
            map.pmap().enter(page, resident.physicalAddress(), entry.prot());
            hart.sfenceVma(true, page, false, 0);
        }
        return resident.physicalAddress() | (va & (VmMap.PAGE - 1));
    }

    /** Handles a fault at {@code va} needing {@code access} (a {@link Prot} bit) in {@code map}, on {@code hart}. */
    public static Result fault(VmMap map, long va, int access, Hart hart) {
        VmMapEntry entry = map.lookup(va);
        if (entry == null || !Prot.allows(entry.prot(), access)) {
            return Result.SEGV;
        }
        long page = VmMap.pageDown(va);
        VmPage resident = entry.page(page);
        if (resident != null && Prot.allows(map.pmap().protection(page), access)) {
            hart.sfenceVma(true, page, false, 0);
            return Result.SPURIOUS;
        }
        if (resident == null) {
            resident = map.physicalPages().allocate();
            if (resident == null) {
                return Result.NO_MEMORY;
            }
            entry.putPage(page, resident);
        }
        map.pmap().enter(page, resident.physicalAddress(), entry.prot());
        // The TLB may hold the old (invalid or narrower) translation: drop it on this hart.
        hart.sfenceVma(true, page, false, 0);
        return Result.RESOLVED;
    }
}
