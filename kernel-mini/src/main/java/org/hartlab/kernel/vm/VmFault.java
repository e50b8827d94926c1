package org.hartlab.kernel.vm;

import org.hartlab.core.hart.Hart;
import org.hartlab.core.trace.Event;

/**
 * vm_fault: resolves a page fault of a user access, FreeBSD-style: a {@link FaultState} and small steps that
 * return to one retry loop. Runs with the kernel lock held, which it releases while it sleeps on a busy page or
 * waits for a shootdown; the map may change meanwhile (a sibling thread forks, unmaps, mprotects), so after each
 * such wait the fault either has nothing left to do with what it looked up, or compares the map's generation
 * with the one its lookup saw and, if it moved, undoes its attempt and starts over from the lookup.
 * <ol>
 *   <li>lookup: the map entry must exist and allow the access, else SEGV;</li>
 *   <li>a busy page (a COW copy being published): sleep until unbusied, then restart;</li>
 *   <li>spurious: the mapping already allows the access, the hart's TLB was stale: local SFENCE.VMA;</li>
 *   <li>zero-fill on first touch;</li>
 *   <li>a write to a read-only mapping of a writable entry: upgrade if the page is ours alone, else copy it
 *       and publish the copy in the order the boot's {@link CowStrategy} says.</li>
 * </ol>
 */
public final class VmFault {
    /** How a fault ended. */
    public enum Result { RESOLVED, SPURIOUS, SEGV, NO_MEMORY }

    /** What a step tells the loop: go on to the next step, start over from the lookup, or return the result. */
    private enum Step { CONTINUE, RESTART, DONE }

    /**
     * One fault in progress. The lookup fields hold only while the kernel lock stays held: a step that drops it
     * must check {@link #mapChanged} before it uses them again.
     */
    private static final class FaultState {
        final VmSystem vm;
        final VmMap map;
        final Pmap pmap;
        final long page;
        final int access;
        final Hart hart;
        // set by lookup
        VmMapEntry entry;
        VmPage resident;
        long generation;
        // set by the step that ends the fault
        Result result;

        FaultState(VmSystem vm, VmMap map, long va, int access, Hart hart) {
            this.vm = vm;
            this.map = map;
            this.pmap = map.pmap();
            this.page = VmMap.pageDown(va);
            this.access = access;
            this.hart = hart;
        }

        Step done(Result r) {
            result = r;
            return Step.DONE;
        }

        /** True when the map changed since the lookup (the lock was dropped in between). */
        boolean mapChanged() {
            return map.generation() != generation;
        }

        /** The map changed under a wait: start over from the lookup (counted for {@code faultRestarts}). */
        Step restart() {
            vm.restarts.increment();
            return Step.RESTART;
        }

        void flushLocal() {
            hart.sfenceVma(true, page, true, pmap.asid());
        }
    }

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
        FaultState fs = new FaultState(vm, map, va, access, hart);
        while (true) {
            Step step = lookup(fs);
            if (step == Step.CONTINUE) {
                step = sleepIfBusy(fs);
            }
            if (step == Step.CONTINUE) {
                step = spurious(fs);
            }
            if (step == Step.CONTINUE) {
                step = resolve(fs);
            }
            if (step == Step.DONE) {
                return fs.result;
            }
        }
    }

    private static Step lookup(FaultState fs) {
        fs.generation = fs.map.generation();
        fs.entry = fs.map.lookup(fs.page);
        if (fs.entry == null || !Prot.allows(fs.entry.prot(), fs.access)) {
            return fs.done(Result.SEGV);
        }
        fs.resident = fs.entry.page(fs.page);
        return Step.CONTINUE;
    }

    private static Step sleepIfBusy(FaultState fs) {
        if (fs.resident == null || !fs.resident.busy()) {
            return Step.CONTINUE;
        }
        fs.vm.sleepWhileBusy(fs.hart, fs.resident);
        return Step.RESTART; // the map may have changed while we slept
    }

    private static Step spurious(FaultState fs) {
        if (fs.resident == null || !Prot.allows(fs.pmap.protection(fs.page), fs.access)) {
            return Step.CONTINUE;
        }
        fs.vm.spurious.increment();
        fs.flushLocal();
        return fs.done(Result.SPURIOUS);
    }

    /** Zero-fill, upgrade in place, or copy on write. */
    private static Step resolve(FaultState fs) {
        if (fs.resident == null) {
            return fs.done(zeroFill(fs.vm, fs.entry, fs.pmap, fs.page, fs.hart));
        }
        // A MAP_SHARED page is meant to be shared: only private pages held twice are copied on write.
        boolean shared = !fs.entry.shared() && fs.vm.pages().references(fs.resident) > 1;
        if (fs.access == Prot.WRITE && shared) {
            return copyOnWrite(fs);
        }
        // Not a write, or a write to a page no one else holds: map it with the rights it may have (a shared page
        // stays read-only). Adding rights needs no shootdown: a stale narrower entry elsewhere only faults
        // spuriously.
        fs.vm.upgrades.increment();
        fs.pmap.enter(fs.page, fs.resident.physicalAddress(), shared ? fs.entry.prot() & ~Prot.WRITE : fs.entry.prot());
        fs.flushLocal();
        return fs.done(Result.RESOLVED);
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

    /**
     * Copies the shared page into a new one the entry takes, publishes it in the boot's order, and lets go of the
     * old page (the entry's reference passed to this fault) once the shootdown has completed.
     */
    private static Step copyOnWrite(FaultState fs) {
        VmSystem vm = fs.vm;
        VmPage old = fs.resident;
        VmPage copy = vm.pages().allocate();
        if (copy == null) {
            return fs.done(Result.NO_MEMORY);
        }
        vm.cowCopies.increment();
        CowStrategy order = effective(vm.strategy(), fs.map);
        vm.event(Event.Kind.COW_COPY, Event.Phase.INSTANT, fs.page, order.toString());
        vm.bus().copy(old.physicalAddress(), copy.physicalAddress(), PhysicalPages.PAGE_SIZE);
        vm.spend(fs.hart, vm.costs().pageCopy());
        fs.entry.putPage(fs.page, copy);
        Step step = switch (order) {
            case NAIVE -> publishNaive(fs, copy);
            case TWO_STAGE, TWO_STAGE_THREADED -> publishTwoStage(fs, copy);
            case BREAK_BEFORE_MAKE -> publishBreakBeforeMake(fs, copy);
        };
        // Only now has every hart stopped using the old page through this mapping.
        vm.pages().release(old);
        return step;
    }

    /** Install the copy writable, then shoot down: nothing is left to do once the lock is back. */
    private static Step publishNaive(FaultState fs, VmPage copy) {
        fs.pmap.enter(fs.page, copy.physicalAddress(), fs.entry.prot());
        fs.flushLocal();
        fs.vm.shootdownUnlocked(fs.hart, fs.pmap, fs.page);
        return fs.mapChanged() ? fs.restart() : fs.done(Result.RESOLVED);
    }

    /**
     * Install the copy read-only while busy, shoot down, unbusy. The retried store faults once more and finds the
     * copy ours alone (the upgrade stage) or, if the map changed meanwhile, whatever the map says now.
     */
    private static Step publishTwoStage(FaultState fs, VmPage copy) {
        busy(fs.vm, copy);
        fs.pmap.enter(fs.page, copy.physicalAddress(), fs.entry.prot() & ~Prot.WRITE);
        fs.vm.shootdownUnlocked(fs.hart, fs.pmap, fs.page);
        unbusy(fs.vm, copy);
        return fs.mapChanged() ? fs.restart() : fs.done(Result.RESOLVED);
    }

    /**
     * Clear the PTE while the copy is busy, shoot down, then install the copy writable: only if the map is as the
     * lookup saw it. A fork meanwhile shared the copy with a child (writable, it would leak our later stores into
     * the child), an munmap freed the entry's hold on it, an mprotect gave the page a narrower entry: unbusy and
     * start over, leaving the page unmapped for the lookup to find.
     */
    private static Step publishBreakBeforeMake(FaultState fs, VmPage copy) {
        busy(fs.vm, copy);
        fs.pmap.remove(fs.page);
        fs.vm.shootdownUnlocked(fs.hart, fs.pmap, fs.page);
        if (fs.mapChanged()) {
            unbusy(fs.vm, copy);
            return fs.restart();
        }
        fs.pmap.enter(fs.page, copy.physicalAddress(), fs.entry.prot());
        fs.flushLocal();
        unbusy(fs.vm, copy);
        return fs.done(Result.RESOLVED);
    }

    /**
     * Marks {@code copy} busy for this fault, which also takes a reference of its own: an munmap while the lock is
     * dropped releases the entry's, and a busy page must not go back to the free list (to be allocated, and
     * busied, by another fault) before this one unbusies it.
     */
    private static void busy(VmSystem vm, VmPage copy) {
        vm.pages().reference(copy);
        copy.setBusy(true);
    }

    /** Ends {@link #busy}: sleepers wake and retry, and the fault's reference goes (the last one frees the page). */
    private static void unbusy(VmSystem vm, VmPage copy) {
        copy.setBusy(false);
        vm.pages().release(copy);
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
