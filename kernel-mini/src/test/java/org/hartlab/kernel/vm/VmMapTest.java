package org.hartlab.kernel.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InvariantsHold.class)
class VmMapTest {
    private static final long P = VmMap.PAGE;
    private final VmFixture f = new VmFixture(CowStrategy.TWO_STAGE);
    private final VmMap map = f.newMap(1);

    @Test
    void overlappingEntriesAreRefused() {
        map.insert(0x10000, 0x10000 + 4 * P, Prot.READ, "a");
        assertThatThrownBy(() -> map.insert(0x10000 + 3 * P, 0x10000 + 5 * P, Prot.READ, "b"))
                .hasMessageContaining("overlaps");
    }

    @Test
    void findSpaceReturnsTheHighestFreeRangeBelowALimit() {
        map.insert(0x100000 - 2 * P, 0x100000, Prot.READ, "top");
        assertThat(map.findSpace(3 * P, 0x100000)).isEqualTo(0x100000 - 5 * P);
    }

    @Test
    void removingTheMiddleOfAnEntryCutsItInTwoAndFreesItsPages() {
        map.insert(0x10000, 0x10000 + 3 * P, Prot.READ | Prot.WRITE, "a");
        for (int i = 0; i < 3; i++) {
            f.fault(map, 0x10000 + i * P, Prot.WRITE);
        }
        long allocated = f.pages.allocatedPages();
        map.remove(0x10000 + P, 0x10000 + 2 * P, f.hart);
        assertThat(map.entries()).extracting(VmMapEntry::start).containsExactly(0x10000L, 0x10000 + 2 * P);
        assertThat(map.pmap().extract(0x10000 + P)).isEqualTo(-1);
        assertThat(f.pages.allocatedPages()).isEqualTo(allocated - 1);
    }

    @Test
    void protectNarrowsTheRightsOfResidentPagesAtOnce() {
        map.insert(0x10000, 0x10000 + 2 * P, Prot.READ | Prot.WRITE, "a");
        f.fault(map, 0x10000, Prot.WRITE);
        assertThat(map.protect(0x10000, 0x10000 + P, Prot.READ, f.hart)).isTrue();
        assertThat(map.pmap().protection(0x10000)).isEqualTo(Prot.READ);
        assertThat(f.fault(map, 0x10000, Prot.WRITE)).isEqualTo(VmFault.Result.SEGV);
        assertThat(map.entries()).hasSize(2);
    }

    @Test
    void protectOfAnUnmappedRangeChangesNothing() {
        map.insert(0x10000, 0x10000 + P, Prot.READ | Prot.WRITE, "a");
        assertThat(map.protect(0x10000, 0x10000 + 2 * P, Prot.READ, f.hart)).isFalse();
        assertThat(map.entries()).singleElement().extracting(VmMapEntry::prot).isEqualTo(Prot.READ | Prot.WRITE);
    }

    @Test
    void destroyFreesEveryPage() {
        long before = f.pages.allocatedPages();
        VmMap other = f.newMap(2);
        other.insert(0x10000, 0x10000 + 4 * P, Prot.READ | Prot.WRITE, "a");
        for (int i = 0; i < 4; i++) {
            f.fault(other, 0x10000 + i * P, Prot.WRITE);
        }
        f.destroy(other);
        assertThat(f.pages.allocatedPages()).isEqualTo(before);
    }

    /** MAP_SHARED memory no one touched before fork is still one memory: both processes fault in the same page. */
    @Test
    void aSharedPageFirstTouchedAfterForkIsTheSamePageInParentAndChild() {
        map.insert(0x10000, 0x10000 + 2 * P, Prot.READ | Prot.WRITE, "shm", true);
        VmMap child = f.fork(map, 2);
        f.fault(map, 0x10000, Prot.WRITE);
        f.fault(child, 0x10000, Prot.READ);
        assertThat(child.pmap().extract(0x10000)).isEqualTo(map.pmap().extract(0x10000)).isNotEqualTo(-1);
        f.fault(child, 0x10000 + P, Prot.WRITE);
        assertThat(child.pmap().protection(0x10000 + P)).as("shared: no copy-on-write").isEqualTo(Prot.READ | Prot.WRITE);
        f.fault(map, 0x10000 + P, Prot.READ);
        assertThat(map.pmap().extract(0x10000 + P)).isEqualTo(child.pmap().extract(0x10000 + P));
    }

    /** The shared memory lives while any sharer maps it, and goes with the last one. */
    @Test
    void sharedPagesOutliveOneSharerAndGoWithTheLast() {
        map.insert(0x10000, 0x10000 + 2 * P, Prot.READ | Prot.WRITE, "shm", true);
        VmMap child = f.fork(map, 2);
        f.fault(map, 0x10000, Prot.WRITE);
        long frame = map.pmap().extract(0x10000);
        map.remove(0x10000, 0x10000 + P, f.hart);  // cuts the parent's entry: the object must survive the cut
        f.destroy(map);
        f.fault(child, 0x10000, Prot.READ);
        assertThat(child.pmap().extract(0x10000)).as("the parent's page, kept by the object").isEqualTo(frame);
        f.destroy(child);
        assertThat(f.pages.allocatedPages()).as("no page left: the shared one, and both page tables").isZero();
    }

    @Test
    void sharedPagesNotYetTouchedAtForkAreStillShared() {
        map.insert(0x10000, 0x10000 + 2 * P, Prot.READ | Prot.WRITE, "shm", true);
        VmMap child = f.fork(map, 2);
        assertThat(f.fault(child, 0x10000 + P, Prot.WRITE)).isNotEqualTo(VmFault.Result.SEGV);
        f.machine.bus().ram().store64(child.pmap().extract(0x10000 + P), 42);
        assertThat(f.fault(map, 0x10000 + P, Prot.READ)).isNotEqualTo(VmFault.Result.SEGV);
        assertThat(f.machine.bus().ram().load64(map.pmap().extract(0x10000 + P))).as("the parent sees it").isEqualTo(42);
        assertThat(VmInvariants.check(f.pages, Map.of("parent", map, "child", child), List.of(f.hart),
                VmInvariants.Strength.QUIESCENT)).isEmpty();
    }
}
