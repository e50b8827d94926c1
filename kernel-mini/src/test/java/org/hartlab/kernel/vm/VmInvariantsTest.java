package org.hartlab.kernel.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.hartlab.mmu.AccessType;
import org.junit.jupiter.api.Test;

/**
 * The invariant checker passes a consistent VM system and catches each kind of damage done to it on purpose:
 * a reference too many or too few, a PTE or a TLB entry left pointing at a freed page, a missed shootdown, a
 * writable PTE over a page fork shared, a PTE over a page its entry does not hold.
 */
class VmInvariantsTest {
    private static final long VA = 0x40_0000L;

    private final VmFixture f = new VmFixture(CowStrategy.TWO_STAGE);
    private final VmMap map = f.newMap(1);

    private List<String> check(VmInvariants.Strength strength, Map<String, VmMap> maps) {
        return VmInvariants.check(f.pages, maps, List.of(f.hart), strength);
    }

    private List<String> check() {
        return check(VmInvariants.Strength.QUIESCENT, Map.of("pid 1", map));
    }

    private VmPage touch(long va) {
        assertThat(f.fault(map, va, Prot.WRITE)).isEqualTo(VmFault.Result.RESOLVED);
        return map.lookup(va).page(va);
    }

    /** Loads through the hart's MMU, as user code would, so that its TLB caches the translation. */
    private void loadThroughTlb(long va) {
        long pa = f.hart.mmu().translate(va, AccessType.LOAD, map.pmap().satp(), true, false, false, false);
        assertThat(pa).isEqualTo(map.pmap().extract(va));
    }

    @Test
    void forkedAndCopiedAddressSpacesPass() {
        map.insert(VA, VA + 4 * VmMap.PAGE, Prot.READ | Prot.WRITE, "data");
        touch(VA);
        touch(VA + VmMap.PAGE);
        loadThroughTlb(VA);
        VmMap child = map.fork(new Sv39Pmap(f.machine.bus(), f.vm, 2), f.hart);
        f.fault(map, VA, Prot.WRITE); // COW, stage one
        f.fault(map, VA, Prot.WRITE); // stage two
        assertThat(check(VmInvariants.Strength.QUIESCENT, Map.of("pid 1", map, "pid 2", child))).isEmpty();
    }

    @Test
    void aReferenceNoHolderAccountsForIsALeakOnceQuiescent() {
        map.insert(VA, VA + VmMap.PAGE, Prot.READ | Prot.WRITE, "data");
        VmPage page = touch(VA);
        // As a fault holds a page (a COW's old page, a busy copy): never through a writable PTE.
        map.pmap().removeWrite(VA);
        f.pages.reference(page);
        assertThat(check()).singleElement().asString().contains(page.toString(), "2 references but 1 holders",
                "leaked");
        assertThat(check(VmInvariants.Strength.ALWAYS, Map.of("pid 1", map))).as("mid-fault this is legal").isEmpty();
    }

    @Test
    void aHolderWithoutAReferenceIsCaughtEvenMidFault() {
        map.insert(VA, VA + VmMap.PAGE, Prot.READ | Prot.WRITE, "data");
        VmPage page = touch(VA);
        VmMap child = map.fork(new Sv39Pmap(f.machine.bus(), f.vm, 2), f.hart);
        f.pages.release(page); // both still hold it
        assertThat(check(VmInvariants.Strength.ALWAYS, Map.of("pid 1", map, "pid 2", child)))
                .anySatisfy(v -> assertThat(v).contains(page.toString(), "1 references but 2 holders"));
    }

    @Test
    void aPteLeftPointingAtAFreedPageIsCaught() {
        map.insert(VA, VA + VmMap.PAGE, Prot.READ | Prot.WRITE, "data");
        VmPage page = touch(VA);
        map.lookup(VA).removePage(VA);
        f.pages.release(page); // freed, but the PTE still maps it
        assertThat(check()).anySatisfy(v -> assertThat(v).contains("pid 1: PTE for 0x400000 maps 0x"
                + Long.toHexString(page.physicalAddress()) + ", a freed page"));
    }

    @Test
    void aTlbEntryLeftPointingAtAFreedPageIsCaught() {
        map.insert(VA, VA + VmMap.PAGE, Prot.READ | Prot.WRITE, "data");
        VmPage page = touch(VA);
        loadThroughTlb(VA);
        // munmap without the shootdown: PTE and page go, the hart's TLB keeps the translation.
        map.pmap().remove(VA);
        map.lookup(VA).removePage(VA);
        f.pages.release(page);
        assertThat(check()).singleElement().asString().startsWith("hart 0 TLB: ").contains("maps a freed page");
    }

    @Test
    void aTlbEntryThatOutlivedItsPteIsAMissedShootdown() {
        map.insert(VA, VA + VmMap.PAGE, Prot.READ | Prot.WRITE, "data");
        touch(VA);
        loadThroughTlb(VA);
        VmMap child = map.fork(new Sv39Pmap(f.machine.bus(), f.vm, 2), f.hart); // keeps the old page alive
        loadThroughTlb(VA);
        VmPage old = map.lookup(VA).page(VA);
        VmPage copy = f.pages.allocate();
        map.lookup(VA).putPage(VA, copy);
        map.pmap().enter(VA, copy.physicalAddress(), Prot.READ | Prot.WRITE); // a COW copy without any sfence
        f.pages.release(old);
        assertThat(check(VmInvariants.Strength.QUIESCENT, Map.of("pid 1", map, "pid 2", child))).singleElement()
                .asString().startsWith("hart 0 TLB: DATA 0x400000 -> 0x" + Long.toHexString(old.physicalAddress()))
                .endsWith("a missed shootdown");
    }

    @Test
    void aFreedPageReferencedAgainEndsUpOnTheFreeListTwice() {
        map.insert(VA, VA + VmMap.PAGE, Prot.READ | Prot.WRITE, "data");
        VmPage page = touch(VA);
        map.pmap().remove(VA);
        map.lookup(VA).removePage(VA);
        f.pages.release(page);
        f.pages.reference(page); // a stale holder takes it up again and lets go
        f.pages.release(page);
        assertThat(check()).anySatisfy(v -> assertThat(v).contains(page + " is on the free list twice"));
    }

    /** What bbm did when a fork ran during its shootdown wait: the parent's store reaches the child's page. */
    @Test
    void aWritablePteOverAPageForkSharedIsABrokenCowShareEvenMidFault() {
        map.insert(VA, VA + VmMap.PAGE, Prot.READ | Prot.WRITE, "data");
        VmPage page = touch(VA);
        VmMap child = map.fork(new Sv39Pmap(f.machine.bus(), f.vm, 2), f.hart);
        assertThat(check(VmInvariants.Strength.ALWAYS, Map.of("pid 1", map, "pid 2", child))).isEmpty();
        map.pmap().enter(VA, page.physicalAddress(), Prot.READ | Prot.WRITE); // write access back, still shared

        assertThat(check(VmInvariants.Strength.ALWAYS, Map.of("pid 1", map, "pid 2", child))).singleElement()
                .asString().startsWith("pid 1: PTE for 0x400000 is writable over " + page)
                .contains("2 references", "a broken copy-on-write share");
    }

    /** The check the kernel makes at the end of every fault sees the same damage on the one page. */
    @Test
    void theFaultedPageCheckFindsAWritablePteOverAPageForkShared() {
        map.insert(VA, VA + 2 * VmMap.PAGE, Prot.READ | Prot.WRITE, "data");
        VmPage page = touch(VA);
        touch(VA + VmMap.PAGE);
        VmMap child = map.fork(new Sv39Pmap(f.machine.bus(), f.vm, 2), f.hart);
        assertThat(VmInvariants.checkPage(f.pages, "pid 1", map, VA)).isEmpty();
        map.pmap().enter(VA, page.physicalAddress(), Prot.READ | Prot.WRITE);

        assertThat(VmInvariants.checkPage(f.pages, "pid 1", map, VA + 8)).singleElement().asString()
                .isEqualTo("pid 1: PTE for 0x400000 is writable over " + page
                        + " of a private mapping, which has 2 references: a broken copy-on-write share");
        assertThat(VmInvariants.checkPage(f.pages, "pid 1", map, VA + VmMap.PAGE)).as("only the page asked").isEmpty();
        assertThat(VmInvariants.checkPage(f.pages, "pid 2", child, VA)).as("the child's PTE is read-only").isEmpty();
    }

    @Test
    void bothForksMayWriteAMapSharedPageThroughWritablePtes() {
        map.insert(VA, VA + VmMap.PAGE, Prot.READ | Prot.WRITE, "shm", true);
        touch(VA);
        VmMap child = map.fork(new Sv39Pmap(f.machine.bus(), f.vm, 2), f.hart);
        assertThat(map.pmap().protection(VA)).isEqualTo(Prot.READ | Prot.WRITE);
        assertThat(child.pmap().protection(VA)).isEqualTo(Prot.READ | Prot.WRITE);
        assertThat(check(VmInvariants.Strength.QUIESCENT, Map.of("pid 1", map, "pid 2", child))).isEmpty();
    }

    @Test
    void aPteOverAPageItsEntryDoesNotHoldIsCaught() {
        map.insert(VA, VA + 2 * VmMap.PAGE, Prot.READ | Prot.WRITE, "data");
        touch(VA);
        VmPage other = touch(VA + VmMap.PAGE);
        map.pmap().enter(VA, other.physicalAddress(), Prot.READ); // the neighbour's page, read-only

        assertThat(check(VmInvariants.Strength.ALWAYS, Map.of("pid 1", map))).singleElement().asString()
                .isEqualTo("pid 1: PTE for 0x400000 maps " + other + " but its entry holds "
                        + map.lookup(VA).page(VA) + " there");
    }
}
