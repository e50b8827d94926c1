package org.hartlab.mmu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hartlab.mmu.AccessType.FETCH;
import static org.hartlab.mmu.AccessType.LOAD;
import static org.hartlab.mmu.AccessType.STORE;
import static org.hartlab.mmu.PageTableFixture.AD;
import static org.hartlab.mmu.Pte.R;
import static org.hartlab.mmu.Pte.U;
import static org.hartlab.mmu.Pte.W;
import static org.hartlab.mmu.Pte.X;

import org.junit.jupiter.api.Test;

/** Capacity, replacement, split versus unified arrays, cached invalid translations, statistics and inspection. */
class TlbOrganisationTest {

    private static final long PAGE = 0x1000L;
    private static final long VA = 0x4000_0000L;
    private static final long PA = 0x9000_0000L;

    private final PageTableFixture tables = new PageTableFixture();

    private long load(Sv39Mmu mmu, long va) {
        return mmu.translate(va, LOAD, tables.satp(1), false, false, false, false);
    }

    /** Maps {@code count} consecutive pages from VA to consecutive pages from PA. */
    private void mapPages(int count, long flags) {
        for (int i = 0; i < count; i++) {
            tables.map4k(VA + i * PAGE, PA + i * PAGE, flags);
        }
    }

    @Test
    void capacityEvictionForcesARefillFromMemory() {
        Sv39Mmu mmu = new Sv39Mmu(tables.ram, new TlbConfig(1, 1, true, false));
        mapPages(2, R | AD);

        load(mmu, VA);
        load(mmu, VA + PAGE);
        load(mmu, VA);

        assertThat(mmu.statistics().walks()).isEqualTo(3);
        assertThat(mmu.statistics().evictions()).isEqualTo(2);
    }

    @Test
    void evictedEntryNoLongerHidesAPteChange() {
        Sv39Mmu mmu = new Sv39Mmu(tables.ram, new TlbConfig(1, 1, true, false));
        mapPages(2, R | AD);
        load(mmu, VA);
        tables.map4k(VA, 0xA000_0000L, R | AD);

        load(mmu, VA + PAGE);

        assertThat(load(mmu, VA)).isEqualTo(0xA000_0000L);
    }

    @Test
    void aDataFillMovesOnlyTheDataEpochWhenTheArraysAreSplit() {
        Sv39Mmu mmu = new Sv39Mmu(tables.ram, new TlbConfig(4, 1, false, false));
        mapPages(2, R | X | AD);
        long fetch = mmu.fetchEpoch();
        long data = mmu.dataEpoch();

        load(mmu, VA);
        assertThat(mmu.fetchEpoch()).as("the fetch array is untouched").isEqualTo(fetch);
        assertThat(mmu.dataEpoch()).isGreaterThan(data);

        data = mmu.dataEpoch();
        mmu.translate(VA + PAGE, FETCH, tables.satp(1), false, false, false, false);
        assertThat(mmu.fetchEpoch()).isGreaterThan(fetch);
        assertThat(mmu.dataEpoch()).as("the data array is untouched").isEqualTo(data);
    }

    @Test
    void aDataFillMovesBothEpochsWhenTheArrayIsUnifiedAndAFenceAlways() {
        Sv39Mmu mmu = new Sv39Mmu(tables.ram, new TlbConfig(4, 1, true, false));
        mapPages(1, R | AD);
        long fetch = mmu.fetchEpoch();
        load(mmu, VA);
        assertThat(mmu.fetchEpoch()).as("the fill may evict the entry fetches use").isGreaterThan(fetch);

        Sv39Mmu split = new Sv39Mmu(tables.ram, TlbConfig.defaults());
        long splitFetch = split.fetchEpoch();
        long splitData = split.dataEpoch();
        split.sfenceVma(true, VA, false, 0);
        assertThat(split.fetchEpoch()).isGreaterThan(splitFetch);
        assertThat(split.dataEpoch()).isGreaterThan(splitData);
    }

    @Test
    void roundRobinReplacementEvictsWaysInTurn() {
        Sv39Mmu mmu = new Sv39Mmu(tables.ram, new TlbConfig(2, 2, true, false));
        mapPages(4, R | AD);

        for (int i = 0; i < 3; i++) {
            load(mmu, VA + i * PAGE);
        }
        assertThat(mmu.entries()).extracting(TlbEntryView::virtualAddress).containsExactly(VA + 2 * PAGE, VA + PAGE);

        load(mmu, VA + 3 * PAGE);
        assertThat(mmu.entries()).extracting(TlbEntryView::virtualAddress)
                .containsExactly(VA + 2 * PAGE, VA + 3 * PAGE);
    }

    @Test
    void pagesInDifferentSetsDoNotEvictEachOther() {
        Sv39Mmu mmu = new Sv39Mmu(tables.ram, new TlbConfig(4, 1, true, false));
        mapPages(4, R | AD);

        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                load(mmu, VA + i * PAGE);
            }
        }

        assertThat(mmu.statistics().walks()).isEqualTo(4);
        assertThat(mmu.statistics().evictions()).isZero();
    }

    @Test
    void splitTlbFillsOnlyTheArrayOfTheAccessType() {
        Sv39Mmu mmu = new Sv39Mmu(tables.ram, TlbConfig.defaults());
        mapPages(1, R | X | AD);

        load(mmu, VA);
        mmu.translate(VA, FETCH, tables.satp(1), false, false, false, false);

        assertThat(mmu.statistics().walks()).isEqualTo(2);
        assertThat(mmu.entries()).extracting(TlbEntryView::tlb).containsExactly(TlbKind.FETCH, TlbKind.DATA);
    }

    @Test
    void defaultDataTlbLetsAStoreHitTheReadOnlyEntryALoadFilled() {
        Sv39Mmu mmu = new Sv39Mmu(tables.ram, TlbConfig.defaults());
        mapPages(1, R | AD);
        load(mmu, VA);
        tables.map4k(VA, PA, R | W | AD);

        long store = mmu.translate(VA, STORE, tables.satp(1), false, false, false, false);

        assertThat(Translation.isFault(store)).isTrue();
        assertThat(Translation.cause(store)).isEqualTo(15);
        assertThat(mmu.statistics().spuriousFaults()).isEqualTo(1);
    }

    @Test
    void splitArraysGoStaleIndependently() {
        Sv39Mmu mmu = new Sv39Mmu(tables.ram, TlbConfig.defaults());
        mapPages(1, R | X | AD);
        load(mmu, VA);
        tables.map4k(VA, 0xA000_0000L, R | X | AD);

        assertThat(mmu.translate(VA, FETCH, tables.satp(1), false, false, false, false)).isEqualTo(0xA000_0000L);
        assertThat(load(mmu, VA)).isEqualTo(PA);
    }

    @Test
    void unifiedTlbServesAFetchAfterALoadWithoutWalking() {
        Sv39Mmu mmu = new Sv39Mmu(tables.ram, new TlbConfig(16, 4, true, false));
        mapPages(1, R | X | AD);

        load(mmu, VA);
        assertThat(mmu.translate(VA, FETCH, tables.satp(1), false, false, false, false)).isEqualTo(PA);

        assertThat(mmu.statistics().walks()).isEqualTo(1);
        assertThat(mmu.entries()).extracting(TlbEntryView::tlb).containsExactly(TlbKind.UNIFIED);
    }

    @Test
    void cachedInvalidTranslationFaultsWithoutWalkingUntilSfence() {
        Sv39Mmu mmu = new Sv39Mmu(tables.ram, new TlbConfig(16, 4, false, true));
        assertThat(Translation.isFault(load(mmu, VA))).isTrue();
        mapPages(1, R | AD);

        assertThat(Translation.cause(load(mmu, VA))).isEqualTo(13);
        assertThat(mmu.statistics().walks()).isEqualTo(1);
        assertThat(mmu.statistics().negativeHits()).isEqualTo(1);

        mmu.sfenceVma(true, VA, false, 0);
        assertThat(load(mmu, VA)).isEqualTo(PA);
    }

    @Test
    void faultOnACachedInvalidTranslationNowMappedCountsAsSpurious() {
        Sv39Mmu mmu = new Sv39Mmu(tables.ram, new TlbConfig(16, 4, false, true));
        load(mmu, VA);
        mapPages(1, R | AD);

        load(mmu, VA);

        assertThat(mmu.statistics().spuriousFaults()).isEqualTo(1);
    }

    @Test
    void withoutCacheInvalidAFaultingAddressIsWalkedAgain() {
        Sv39Mmu mmu = new Sv39Mmu(tables.ram, TlbConfig.defaults());
        load(mmu, VA);
        mapPages(1, R | AD);

        assertThat(load(mmu, VA)).isEqualTo(PA);
        assertThat(mmu.statistics().walks()).isEqualTo(2);
    }

    @Test
    void invalidRootPteIsCachedAsAGigapageSizedHole() {
        Sv39Mmu mmu = new Sv39Mmu(tables.ram, new TlbConfig(16, 4, true, true));

        load(mmu, VA + 0x1234_5000L);

        assertThat(mmu.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.invalid()).isTrue();
            assertThat(entry.pageSize()).isEqualTo(PageSize.GIGAPAGE_1G);
            assertThat(entry.virtualAddress()).isEqualTo(VA);
            assertThat(entry.physicalAddress()).isEqualTo(-1);
        });
    }

    @Test
    void permissionFaultsAreNotCachedAsInvalidTranslations() {
        Sv39Mmu mmu = new Sv39Mmu(tables.ram, new TlbConfig(16, 4, true, true));
        mapPages(1, R | AD);

        mmu.translate(VA, STORE, tables.satp(1), false, false, false, false);

        assertThat(mmu.entries()).isEmpty();
        assertThat(load(mmu, VA)).isEqualTo(PA);
    }

    @Test
    void statisticsCountHitsMissesWalksAndEachFlushKind() {
        Sv39Mmu mmu = new Sv39Mmu(tables.ram, TlbConfig.defaults());
        mapPages(1, R | AD);

        load(mmu, VA);
        load(mmu, VA);
        load(mmu, VA + PAGE);
        mmu.sfenceVma(false, 0, false, 0);
        mmu.sfenceVma(false, 0, true, 1);
        mmu.sfenceVma(true, VA, false, 0);
        mmu.sfenceVma(true, VA, true, 1);

        assertThat(mmu.statistics()).isEqualTo(new TlbStatistics(1, 2, 2, 0, 0, 0, 0, 1, 1, 1, 1));
        assertThat(mmu.statistics().flushes()).isEqualTo(4);
    }

    @Test
    void entriesReportTheTranslationAndBitsTheEntryWasFilledWith() {
        Sv39Mmu mmu = new Sv39Mmu(tables.ram, TlbConfig.defaults());
        mapPages(1, R | W | U | AD);
        mmu.translate(VA + 0x10, LOAD, tables.satp(7), true, false, false, false);
        tables.map4k(VA, PA, R | AD);

        assertThat(mmu.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.tlb()).isEqualTo(TlbKind.DATA);
            assertThat(entry.virtualAddress()).isEqualTo(VA);
            assertThat(entry.physicalAddress()).isEqualTo(PA);
            assertThat(entry.pageSize()).isEqualTo(PageSize.PAGE_4K);
            assertThat(entry.asid()).isEqualTo(7);
            assertThat(entry.invalid()).isFalse();
            assertThat(entry.readable()).isTrue();
            assertThat(entry.writable()).isTrue();
            assertThat(entry.executable()).isFalse();
            assertThat(entry.user()).isTrue();
            assertThat(entry.global()).isFalse();
            assertThat(entry.accessed()).isTrue();
            assertThat(entry.dirty()).isTrue();
        });
    }

    @Test
    void entriesShowUpperHalfAddressesSignExtended() {
        Sv39Mmu mmu = new Sv39Mmu(tables.ram, TlbConfig.defaults());
        long kernelVa = 0xFFFF_FFFF_C000_0000L;
        tables.map1g(kernelVa, 0x8000_0000L, R | AD);

        load(mmu, kernelVa + 0x1000);

        assertThat(mmu.entries()).singleElement()
                .satisfies(entry -> assertThat(entry.virtualAddress()).isEqualTo(kernelVa));
    }
}
