package org.hartlab.kernel.vm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hartlab.core.hart.Hart;
import org.hartlab.mmu.TlbEntryView;

/**
 * The VM system's invariants, checked from outside: who holds each physical page against its reference count,
 * every page table against the map entries and the allocator, every hart's TLB against both. Read-only; run it
 * with the machine stopped, or on a hart holding the kernel lock with the other harts parked (the deterministic
 * engine).
 *
 * <p>Two strengths. {@link Strength#ALWAYS} holds at every point where the kernel lock is free or held by the
 * checker: nothing maps or caches a freed page, no page has fewer references than holders, every PTE maps its
 * entry's page with at most the entry's rights, and a writable PTE of a private mapping maps a page referenced
 * once. {@link
 * Strength#QUIESCENT} adds what holds only when no fault, unmap or exit is half done, as at the end of a run: no
 * page has more references than holders (a leak) and no TLB entry differs from its PTE (a missed shootdown).
 */
public final class VmInvariants {
    /** Which invariants to check: see the class comment. */
    public enum Strength { ALWAYS, QUIESCENT }

    private final PhysicalPages pages;
    private final Strength strength;
    private final List<String> violations = new ArrayList<>();
    /** The first holder found of each page, for messages, and how many holders each page has. */
    private final Map<VmPage, String> holder = new IdentityHashMap<>();
    private final Map<VmPage, Integer> holders = new IdentityHashMap<>();

    private VmInvariants(PhysicalPages pages, Strength strength) {
        this.pages = pages;
        this.strength = strength;
    }

    /**
     * Checks the address spaces {@code maps} (live ones only, named for messages, e.g. "pid 3 (sh)") over
     * {@code pages}, and the TLBs of {@code harts}; returns one readable line per violation, none if all hold.
     */
    public static List<String> check(PhysicalPages pages, Map<String, VmMap> maps, List<Hart> harts,
                                     Strength strength) {
        VmInvariants c = new VmInvariants(pages, strength);
        maps.forEach(c::countHolders);
        c.countObjectHolds(maps.values());
        c.checkFreeList();
        c.checkReferences();
        maps.forEach(c::checkPageTable);
        Map<Integer, VmMap> byAsid = new HashMap<>();
        maps.values().forEach(m -> byAsid.put(m.pmap().asid(), m));
        harts.forEach(h -> c.checkTlb(h, byAsid));
        return Collections.unmodifiableList(c.violations);
    }

    private void countHolders(String name, VmMap map) {
        map.residentByAddress().forEach((va, page) -> hold(page, "%s page 0x%x".formatted(name, va)));
        map.pmap().tablePages().forEach(page -> hold(page, name + " page table"));
    }

    /** Each MAP_SHARED object holds its pages once, however many entries share it. */
    private void countObjectHolds(java.util.Collection<VmMap> maps) {
        Set<VmObject> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (VmMap map : maps) {
            for (VmMapEntry e : map.entries()) {
                if (e.object() != null && seen.add(e.object())) {
                    e.object().forEachPage((va, page) -> hold(page, "shared object page 0x%x".formatted(va)));
                }
            }
        }
    }

    private void hold(VmPage page, String who) {
        holder.putIfAbsent(page, who);
        holders.merge(page, 1, Integer::sum);
    }

    private void checkFreeList() {
        Set<VmPage> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (VmPage page : pages.freeList()) {
            if (!seen.add(page)) {
                report("%s is on the free list twice", page);
            }
            int refs = pages.references(page);
            if (refs != 0) {
                report("%s is on the free list with %d references", page, refs);
            }
        }
        long inUse = pages.frames().stream().filter(p -> pages.references(p) > 0).count();
        if (inUse != pages.allocatedCount()) {
            report("%d pages have references but %d are counted as allocated", inUse, pages.allocatedCount());
        }
        if (inUse + seen.size() != pages.frames().size()) {
            report("%d pages are neither free nor referenced", pages.frames().size() - inUse - seen.size());
        }
    }

    private void checkReferences() {
        for (VmPage page : pages.frames()) {
            int refs = pages.references(page);
            int held = holders.getOrDefault(page, 0);
            if (refs < held) {
                report("%s has %d references but %d holders (%s)", page, refs, held, holder.get(page));
            } else if (refs > held && strength == Strength.QUIESCENT) {
                report("%s has %d references but %d holders%s: leaked", page, refs, held,
                        held == 0 ? "" : " (" + holder.get(page) + ")");
            }
        }
    }

    /**
     * The page-table invariants of page {@code va} of {@code map} (named {@code name} in messages) alone: cheap
     * enough to check at the end of every fault, while the kernel lock is still held, so that a fault which left
     * its own page wrong is caught before a later change (a child's exit, an unmap) hides it. They hold mid-fault
     * too, like every {@link Strength#ALWAYS} invariant.
     */
    public static List<String> checkPage(PhysicalPages pages, String name, VmMap map, long va) {
        VmInvariants c = new VmInvariants(pages, Strength.ALWAYS);
        long page = VmMap.pageDown(va);
        long pa = map.pmap().extract(page);
        if (pa >= 0) {
            c.checkMapping(name, map, page, pa, map.pmap().protection(page));
        }
        return Collections.unmodifiableList(c.violations);
    }

    private void checkPageTable(String name, VmMap map) {
        map.pmap().forEachMapping(new Pmap.MappingVisitor() {
            @Override
            public void mapping(long va, long pa, int prot) {
                checkMapping(name, map, va, pa, prot);
            }

            @Override
            public void strayTable(long va, long pa) {
                report("%s: table entry for 0x%x points at 0x%x, which is not one of its page tables", name, va, pa);
            }
        });
    }

    /**
     * A PTE maps the page its entry holds there, with no more rights than the entry has; a writable PTE of a
     * private entry maps a page no one else references (anything else is a copy-on-write share gone wrong: the
     * other holder would see our stores). This holds mid-fault too: a COW copy is published writable only when it
     * is ours alone, and a page fork shares loses write access before the fork returns.
     */
    private void checkMapping(String name, VmMap map, long va, long pa, int prot) {
        VmPage page = pages.frame(pa);
        if (page == null || pages.references(page) == 0) {
            report("%s: PTE for 0x%x maps 0x%x, a %s page", name, va, pa, page == null ? "foreign" : "freed");
            return;
        }
        VmMapEntry entry = map.lookup(va);
        if (entry == null) {
            report("%s: PTE for 0x%x maps %s but no entry covers it", name, va, page);
            return;
        }
        VmPage held = entry.page(va);
        if (held != page) {
            report("%s: PTE for 0x%x maps %s but its entry holds %s there", name, va, page,
                    held == null ? "nothing" : held);
        }
        if ((prot & ~entry.prot()) != 0) {
            report("%s: PTE for 0x%x grants %s, more than its entry's %s", name, va, Prot.describe(prot),
                    Prot.describe(entry.prot()));
        }
        int refs = pages.references(page);
        if (Prot.allows(prot, Prot.WRITE) && !entry.shared() && refs != 1) {
            report("%s: PTE for 0x%x is writable over %s of a private mapping, which has %d references%s: a broken "
                    + "copy-on-write share", name, va, page, refs, holder.containsKey(page)
                    ? " (" + holder.get(page) + ")" : "");
        }
    }

    private void checkTlb(Hart hart, Map<Integer, VmMap> byAsid) {
        for (TlbEntryView e : hart.mmu().entries()) {
            if (e.invalid()) {
                continue;
            }
            VmPage page = pages.frame(e.physicalAddress());
            if (page != null && pages.references(page) == 0) {
                report("hart %d TLB: %s maps a freed page", hart.id(), e);
                continue;
            }
            if (strength != Strength.QUIESCENT) {
                continue;
            }
            VmMap map = e.global() ? null : byAsid.get(e.asid());
            if (map == null) {
                report("hart %d TLB: %s belongs to no live address space", hart.id(), e);
                continue;
            }
            long pa = map.pmap().extract(e.virtualAddress());
            int prot = map.pmap().protection(e.virtualAddress());
            if (pa != e.physicalAddress() || (e.writable() && !Prot.allows(prot, Prot.WRITE))) {
                report("hart %d TLB: %s but the page table maps %s %s: a missed shootdown", hart.id(), e,
                        pa < 0 ? "nothing" : "0x" + Long.toHexString(pa), Prot.describe(prot));
            }
        }
    }

    private void report(String format, Object... args) {
        violations.add(format.formatted(args));
    }
}
