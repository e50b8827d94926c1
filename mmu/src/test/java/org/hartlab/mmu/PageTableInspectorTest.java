package org.hartlab.mmu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hartlab.mmu.PageTableFixture.AD;
import static org.hartlab.mmu.Pte.G;
import static org.hartlab.mmu.Pte.R;
import static org.hartlab.mmu.Pte.W;
import static org.hartlab.mmu.Pte.X;

import org.junit.jupiter.api.Test;

class PageTableInspectorTest {

    private final PageTableFixture tables = new PageTableFixture();

    @Test
    void mappingsListEveryValidLeafWithItsSize() {
        tables.map4k(0x1000L, 0x9000_0000L, R | AD);
        tables.map2m(0x4020_0000L, 0x9020_0000L, R | W | AD);
        tables.map1g(0x8000_0000L, 0xC000_0000L, R | X | G | AD);

        assertThat(PageTableInspector.mappings(tables.ram, tables.satp(1))).containsExactly(
                new Mapping(0x1000L, 0x9000_0000L, PageSize.PAGE_4K, Pte.leaf(0x9000_0000L, R | AD), false),
                new Mapping(0x4020_0000L, 0x9020_0000L, PageSize.MEGAPAGE_2M, Pte.leaf(0x9020_0000L, R | W | AD),
                        false),
                new Mapping(0x8000_0000L, 0xC000_0000L, PageSize.GIGAPAGE_1G,
                        Pte.leaf(0xC000_0000L, R | X | G | AD), true));
    }

    @Test
    void mappingsSignExtendUpperHalfAddresses() {
        tables.map1g(0xFFFF_FFC0_0000_0000L, 0x8000_0000L, R | AD);

        assertThat(PageTableInspector.mappings(tables.ram, tables.satp(1))).singleElement().satisfies(mapping -> {
            assertThat(mapping.virtualAddress()).isEqualTo(0xFFFF_FFC0_0000_0000L);
            assertThat(mapping.endVirtualAddress()).isEqualTo(0xFFFF_FFC0_4000_0000L);
        });
    }

    @Test
    void mappingsSkipInvalidReservedAndMisalignedLeaves() {
        tables.map4k(0x1000L, 0x9000_0000L, R | AD);
        tables.writePte(0x2000L, 0, Pte.leaf(0x9000_1000L, R | AD) | Pte.N);
        tables.writePte(0x3000L, 0, Pte.leaf(0x9000_2000L, R | AD) & ~Pte.V);
        tables.map2m(0x4000_0000L, 0x9000_1000L, R | AD);

        assertThat(PageTableInspector.mappings(tables.ram, tables.satp(1)))
                .extracting(Mapping::virtualAddress).containsExactly(0x1000L);
    }

    @Test
    void mappingsInheritGlobalFromAPointer() {
        tables.writePte(0x1000L, 2, Pte.pointer(tables.newTable(), G));
        tables.map4k(0x1000L, 0x9000_0000L, R | AD);

        assertThat(PageTableInspector.mappings(tables.ram, tables.satp(1))).singleElement()
                .satisfies(mapping -> assertThat(mapping.global()).isTrue());
    }

    @Test
    void mappingsOfABareSatpAreEmpty() {
        tables.map4k(0x1000L, 0x9000_0000L, R | AD);

        assertThat(PageTableInspector.mappings(tables.ram, 0)).isEmpty();
    }

    @Test
    void walkTraceRecordsEveryLevelAndThePhysicalAddress() {
        tables.map4k(0x4000_1000L, 0x9000_0000L, R | W | AD);

        WalkTrace trace = PageTableInspector.walk(tables.ram, tables.satp(1), 0x4000_1abcL);

        assertThat(trace.isFault()).isFalse();
        assertThat(trace.physicalAddress()).isEqualTo(0x9000_0abcL);
        assertThat(trace.pageSize()).isEqualTo(PageSize.PAGE_4K);
        assertThat(trace.steps()).extracting(WalkStep::level).containsExactly(2, 1, 0);
        assertThat(trace.steps().getFirst().pteAddress()).isEqualTo(tables.root + 8);
        assertThat(trace.steps().getLast().pte()).isEqualTo(Pte.leaf(0x9000_0000L, R | W | AD));
        assertThat(trace.steps().getLast().decoded()).isEqualTo("ppn=0x90000 DA---WRV");
    }

    @Test
    void walkTraceReportsWhereAndWhyTheWalkStopped() {
        tables.writePte(0x4000_1000L, 1, 0);

        WalkTrace trace = PageTableInspector.walk(tables.ram, tables.satp(1), 0x4000_1000L);

        assertThat(trace.fault()).isEqualTo(FaultReason.NOT_VALID);
        assertThat(trace.steps()).extracting(WalkStep::level).containsExactly(2, 1);
        assertThat(trace.toString()).contains("PTE has V=0");
    }

    @Test
    void walkTraceReportsAPteOutsideRam() {
        tables.writePte(0x4000_1000L, 2, Pte.pointer(0x2000_0000L));

        WalkTrace trace = PageTableInspector.walk(tables.ram, tables.satp(1), 0x4000_1000L);

        assertThat(trace.fault()).isEqualTo(FaultReason.PTE_NOT_IN_RAM);
        assertThat(trace.fault().accessFault()).isTrue();
        assertThat(trace.steps().getLast().inRam()).isFalse();
        assertThat(trace.steps().getLast().pteAddress()).isEqualTo(0x2000_0000L + 8 * 0);
    }

    @Test
    void walkTraceReportsAMisalignedSuperpage() {
        tables.map2m(0x4020_0000L, 0x9020_1000L, R | AD);

        assertThat(PageTableInspector.walk(tables.ram, tables.satp(1), 0x4020_0000L).fault())
                .isEqualTo(FaultReason.MISALIGNED_SUPERPAGE);
    }

    @Test
    void walkTraceIgnoresPermissionsAndAccessedDirty() {
        tables.map4k(0x4000_1000L, 0x9000_0000L, X);

        assertThat(PageTableInspector.walk(tables.ram, tables.satp(1), 0x4000_1000L).physicalAddress())
                .isEqualTo(0x9000_0000L);
    }

    @Test
    void walkTraceOfANonCanonicalAddressHasNoSteps() {
        WalkTrace trace = PageTableInspector.walk(tables.ram, tables.satp(1), 1L << 40);

        assertThat(trace.fault()).isEqualTo(FaultReason.NON_CANONICAL_ADDRESS);
        assertThat(trace.steps()).isEmpty();
    }
}
