package org.hartlab.kernel.vm;

import org.hartlab.core.hart.Hart;
import org.hartlab.core.trace.Event;

/**
 * vm_fault: resolves a page fault of a user access, FreeBSD-style, as small steps in one retry loop. Runs
 * with the kernel lock held (which it may release while it sleeps on a busy page or waits for a shootdown).
 * <ol>
 *   <li>lookup: the map entry must exist and allow the access, else SEGV;</li>
 *   <li>a busy page (a COW copy being published): sleep until unbusied, then retry;</li>
 *   <li>spurious: the mapping already allows the access, the hart's TLB was stale: local SFENCE.VMA;</li>
 *   <li>zero-fill on first touch;</li>
 *   <li>a write to a read-only mapping of a writable entry: upgrade if the page is ours alone, else copy it
 *       and publish the copy in the order the boot's {@link CowStrategy} says.</li>
 * </ol>
 */
public final class VmFault {
    /** How a fault ended. */
    public enum Result { RESOLVED, SPURIOUS, SEGV, NO_MEMORY }

    /** What the faulting access wanted, as a protection bit: fetch (12) EXEC, load (13) READ, store (15) WRITE. */
    public static int needed(int cause) {
        return switch (cause) {
            case 12 -> Prot.EXEC;
            case 13 -> Prot.READ;
            default -> Prot.WRITE;
        };
    }

    private VmFault() {
    }

    /** Handles a fault at {@code va} needing {@code access} (a {@link Prot} bit) in {@code map}, on {@code hart}. */
    public static Result fault(VmSystem vm, VmMap map, long va, int access, Hart hart) {
        vm.faults.increment();
        while (true) {
            VmMapEntry entry = map.lookup(va);
            if (entry == null || !Prot.allows(entry.prot(), access)) {
                return Result.SEGV;
            }
            long page = VmMap.pageDown(va);
            VmPage resident = entry.page(page);
            if (resident != null && resident.busy()) {
                vm.sleepWhileBusy(hart, resident);
                continue; // the map may have changed while we slept
            }
            Pmap pmap = map.pmap();
            if (resident != null && Prot.allows(pmap.protection(page), access)) {
                vm.spurious.increment();
                hart.sfenceVma(true, page, true, pmap.asid());
                return Result.SPURIOUS;
            }
            if (resident == null) {
                return zeroFill(vm, entry, pmap, page, hart);
            }
            // A MAP_SHARED page is meant to be shared: only private pages held twice are copied on write.
            boolean shared = !entry.shared() && vm.pages().references(resident) > 1;
            if (access != Prot.WRITE || !shared) {
                // Not a write, or a write to a page no one else holds: map it with the rights it may have (a
                // shared page stays read-only). Adding rights needs no shootdown: a stale narrower entry
                // elsewhere only faults spuriously.
                vm.upgrades.increment();
                pmap.enter(page, resident.physicalAddress(), shared ? entry.prot() & ~Prot.WRITE : entry.prot());
                hart.sfenceVma(true, page, true, pmap.asid());
                return Result.RESOLVED;
            }
            return copyOnWrite(vm, map, entry, page, resident, hart);
        }
    }

    private static Result zeroFill(VmSystem vm, VmMapEntry entry, Pmap pmap, long page, Hart hart) {
        if (entry.object() == null || entry.object().page(page) == null) {
            vm.spend(hart, vm.costs().pageZero()); // a new page, not one a sharer brought in
        }
        VmPage fresh = firstTouch(vm.pages(), entry, page);
        if (fresh == null || !enter(vm, entry, pmap, page, fresh)) {
            return Result.NO_MEMORY;
        }
        vm.zeroFills.increment();
        // The TLB may have cached the invalid translation: drop it on this hart.
        hart.sfenceVma(true, page, true, pmap.asid());
        return Result.RESOLVED;
    }

    /**
     * The page {@code entry} gets at its first touch of {@code page}, now held by the entry (null when RAM is
     * exhausted): a new zero page, unless the entry is shared and a sharer has already brought that page in.
     */
    private static VmPage firstTouch(PhysicalPages physical, VmMapEntry entry, long page) {
        VmObject object = entry.object();
        VmPage found = object == null ? null : object.page(page);
        if (found != null) {
            physical.reference(found);
        } else {
            found = physical.allocate();
            if (found == null) {
                return null;
            }
            if (object != null) {
                physical.reference(found); // the object's own hold
                object.putPage(page, found);
            }
        }
        entry.putPage(page, found);
        return found;
    }

    /**
     * Maps the page {@code entry} just took for {@code va} with the entry's protection; the mapping may need a
     * page-table page too. When none is left the entry lets go of the page and false says so, leaving the map as
     * it was (a shared object keeps its zero page for the next sharer).
     */
    private static boolean enter(VmSystem vm, VmMapEntry entry, Pmap pmap, long va, VmPage fresh) {
        try {
            pmap.enter(va, fresh.physicalAddress(), entry.prot());
            return true;
        } catch (OutOfMemoryException e) {
            entry.removePage(va);
            vm.pages().release(fresh);
            return false;
        }
    }

    /** The order this fault follows: OpenBSD's variant is the naive order for a single-threaded process. */
    private static CowStrategy effective(CowStrategy boot, VmMap map) {
        return boot == CowStrategy.TWO_STAGE_THREADED && !map.multiThreaded() ? CowStrategy.NAIVE : boot;
    }

    private static Result copyOnWrite(VmSystem vm, VmMap map, VmMapEntry entry, long page, VmPage old, Hart hart) {
        Pmap pmap = map.pmap();
        VmPage copy = vm.pages().allocate();
        if (copy == null) {
            return Result.NO_MEMORY;
        }
        vm.cowCopies.increment();
        CowStrategy order = effective(vm.strategy(), map);
        vm.event(Event.Kind.COW_COPY, Event.Phase.INSTANT, page, order.toString());
        vm.bus().copy(old.physicalAddress(), copy.physicalAddress(), PhysicalPages.PAGE_SIZE);
        vm.spend(hart, vm.costs().pageCopy());
        entry.putPage(page, copy);
        switch (order) {
            case NAIVE -> {
                pmap.enter(page, copy.physicalAddress(), entry.prot());
                hart.sfenceVma(true, page, true, pmap.asid());
                vm.shootdownUnlocked(hart, pmap, page);
            }
            case TWO_STAGE, TWO_STAGE_THREADED -> {
                copy.setBusy(true);
                pmap.enter(page, copy.physicalAddress(), entry.prot() & ~Prot.WRITE);
                vm.shootdownUnlocked(hart, pmap, page);
                copy.setBusy(false);
                // The retried store faults once more and finds the copy ours alone: the upgrade stage.
            }
            case BREAK_BEFORE_MAKE -> {
                copy.setBusy(true);
                pmap.remove(page);
                vm.shootdownUnlocked(hart, pmap, page);
                pmap.enter(page, copy.physicalAddress(), entry.prot());
                hart.sfenceVma(true, page, true, pmap.asid());
                copy.setBusy(false);
            }
        }
        // Only now has every hart stopped using the old page through this mapping.
        vm.pages().release(old);
        return Result.RESOLVED;
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
            resident = firstTouch(map.physicalPages(), entry, page);
            if (resident == null || !enter(map.vm(), entry, map.pmap(), page, resident)) {
                return -1;
            }
            hart.sfenceVma(true, page, false, 0);
        }
        return resident.physicalAddress() | (va & (VmMap.PAGE - 1));
    }
}
