package org.hartlab.kernel.vm;

import static org.assertj.core.api.Assertions.assertThat;

import org.hartlab.mmu.WalkTrace;
import org.junit.jupiter.api.Test;

class Sv39PmapTest {
    private static final long VA = 0x12_3456_7000L;

    private final VmFixture f = new VmFixture(CowStrategy.TWO_STAGE);
    private final Sv39Pmap pmap = new Sv39Pmap(f.machine.bus(), f.vm, 7);

    @Test
    void enteredMappingIsWhatTheHardwareWalkerFinds() {
        long pa = f.pages.allocate().physicalAddress();
        pmap.enter(VA, pa, Prot.READ | Prot.WRITE);
        WalkTrace walk = f.walk(pmap, VA + 0x10);
        assertThat(walk.fault()).isNull();
        assertThat(walk.physicalAddress()).isEqualTo(pa + 0x10);
        assertThat(pmap.protection(VA)).isEqualTo(Prot.READ | Prot.WRITE);
        assertThat(pmap.extract(VA + 0x10)).isEqualTo(pa + 0x10);
    }

    @Test
    void removeWriteLeavesTheMappingReadable() {
        pmap.enter(VA, f.pages.allocate().physicalAddress(), Prot.READ | Prot.WRITE);
        pmap.removeWrite(VA);
        assertThat(pmap.protection(VA)).isEqualTo(Prot.READ);
    }

    @Test
    void removedMappingFaultsInTheWalker() {
        pmap.enter(VA, f.pages.allocate().physicalAddress(), Prot.READ);
        pmap.remove(VA);
        assertThat(f.walk(pmap, VA).fault()).isNotNull();
        assertThat(pmap.extract(VA)).isEqualTo(-1);
    }

    @Test
    void satpCarriesSv39TheAsidAndTheRoot() {
        assertThat(pmap.satp() >>> 60).isEqualTo(8);
        assertThat((pmap.satp() >>> 44) & 0xFFFF).isEqualTo(7);
        assertThat(pmap.asid()).isEqualTo(7);
    }

    @Test
    void destroyGivesThePageTablesBack() {
        long before = f.pages.freePages();
        Sv39Pmap other = new Sv39Pmap(f.machine.bus(), f.vm, 8);
        other.enter(VA, f.pages.allocate().physicalAddress(), Prot.READ);
        long mapped = f.pages.freePages();
        other.destroy();
        assertThat(f.pages.freePages()).isEqualTo(mapped + 3); // root, level-1 and level-0 tables
        assertThat(before - f.pages.freePages()).isEqualTo(1); // only the data page is still allocated
    }
}
