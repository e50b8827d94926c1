package org.hartlab.mmu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hartlab.mmu.AccessType.LOAD;
import static org.hartlab.mmu.AccessType.STORE;
import static org.hartlab.mmu.PageTableFixture.AD;
import static org.hartlab.mmu.Pte.G;
import static org.hartlab.mmu.Pte.R;
import static org.hartlab.mmu.Pte.W;

import org.junit.jupiter.api.Test;

/** Staleness: entries outlive PTE changes and satp writes until the SFENCE.VMA form that covers them. */
class TlbFenceTest {

    private static final long VA = 0x4000_1000L;
    private static final long OTHER_VA = 0x4000_5000L;
    private static final long OLD_PA = 0x9000_0000L;
    private static final long NEW_PA = 0x9100_0000L;

    private final PageTableFixture tables = new PageTableFixture();
    private final Sv39Mmu mmu = new Sv39Mmu(tables.ram, TlbConfig.defaults());

    private long load(long va, int asid) {
        return mmu.translate(va, LOAD, tables.satp(asid), false, false, false, false);
    }

    /** Maps {@code va} to OLD_PA, caches it under {@code asid}, then remaps it to NEW_PA without a fence. */
    private void cacheThenRemap(long va, int asid, long flags) {
        tables.map4k(va, OLD_PA, flags);
        assertThat(load(va, asid)).isEqualTo(OLD_PA);
        tables.map4k(va, NEW_PA, flags);
    }

    @Test
    void staleEntrySurvivesPteChangeUntilSfence() {
        cacheThenRemap(VA, 1, R | AD);

        assertThat(load(VA, 1)).isEqualTo(OLD_PA);
        mmu.sfenceVma(true, VA, false, 0);
        assertThat(load(VA, 1)).isEqualTo(NEW_PA);
    }

    @Test
    void staleEntrySurvivesThePteBeingInvalidated() {
        cacheThenRemap(VA, 1, R | AD);
        tables.writePte(VA, 0, 0);

        assertThat(load(VA, 1)).isEqualTo(OLD_PA);
    }

    @Test
    void sfenceOfOneAddressLeavesOtherPagesStale() {
        cacheThenRemap(VA, 1, R | AD);
        cacheThenRemap(OTHER_VA, 1, R | AD);

        mmu.sfenceVma(true, VA, false, 0);

        assertThat(load(VA, 1)).isEqualTo(NEW_PA);
        assertThat(load(OTHER_VA, 1)).isEqualTo(OLD_PA);
    }

    @Test
    void sfenceAllFlushesEveryEntryOfEveryAsid() {
        cacheThenRemap(VA, 1, R | AD);
        cacheThenRemap(OTHER_VA, 2, R | G | AD);

        mmu.sfenceVma(false, 0, false, 0);

        assertThat(mmu.entries()).isEmpty();
        assertThat(load(VA, 1)).isEqualTo(NEW_PA);
    }

    @Test
    void sfenceAsidFlushesNonGlobalEntriesOfThatAsid() {
        cacheThenRemap(VA, 1, R | AD);

        mmu.sfenceVma(false, 0, true, 1);

        assertThat(load(VA, 1)).isEqualTo(NEW_PA);
    }

    @Test
    void asidTaggedEntrySurvivesFlushOfAnotherAsid() {
        cacheThenRemap(VA, 1, R | AD);

        mmu.sfenceVma(false, 0, true, 2);

        assertThat(load(VA, 1)).isEqualTo(OLD_PA);
    }

    @Test
    void globalEntrySurvivesAsidFlush() {
        cacheThenRemap(VA, 1, R | G | AD);

        mmu.sfenceVma(false, 0, true, 1);

        assertThat(load(VA, 1)).isEqualTo(OLD_PA);
    }

    @Test
    void globalEntryDoesNotSurviveVaFlush() {
        cacheThenRemap(VA, 1, R | G | AD);

        mmu.sfenceVma(true, VA, false, 0);

        assertThat(load(VA, 1)).isEqualTo(NEW_PA);
    }

    @Test
    void sfenceVaFlushesThatAddressInEveryAsid() {
        cacheThenRemap(VA, 1, R | AD);
        assertThat(load(VA, 2)).isEqualTo(NEW_PA);

        mmu.sfenceVma(true, VA, false, 0);

        assertThat(mmu.entries()).isEmpty();
    }

    @Test
    void sfenceVaAsidFlushesThatAddressOfThatAsid() {
        cacheThenRemap(VA, 1, R | AD);

        mmu.sfenceVma(true, VA, true, 1);

        assertThat(load(VA, 1)).isEqualTo(NEW_PA);
    }

    @Test
    void sfenceVaAsidSparesGlobalEntries() {
        cacheThenRemap(VA, 1, R | G | AD);

        mmu.sfenceVma(true, VA, true, 1);

        assertThat(load(VA, 1)).isEqualTo(OLD_PA);
    }

    @Test
    void sfenceVaAsidSparesOtherAsids() {
        cacheThenRemap(VA, 1, R | AD);

        mmu.sfenceVma(true, VA, true, 2);

        assertThat(load(VA, 1)).isEqualTo(OLD_PA);
    }

    @Test
    void sfenceVaAsidSparesOtherAddressesOfThatAsid() {
        cacheThenRemap(OTHER_VA, 1, R | AD);

        mmu.sfenceVma(true, VA, true, 1);

        assertThat(load(OTHER_VA, 1)).isEqualTo(OLD_PA);
    }

    @Test
    void sfenceAsidUsesOnlyTheLowSixteenBitsOfRs2() {
        cacheThenRemap(VA, 1, R | AD);

        mmu.sfenceVma(false, 0, true, 0x1_0001);

        assertThat(load(VA, 1)).isEqualTo(NEW_PA);
    }

    @Test
    void sfenceWithNonCanonicalAddressHasNoEffect() {
        cacheThenRemap(VA, 1, R | AD);

        mmu.sfenceVma(true, VA | 1L << 50, false, 0);

        assertThat(load(VA, 1)).isEqualTo(OLD_PA);
        assertThat(mmu.statistics().flushesVa()).isEqualTo(1);
    }

    @Test
    void satpAsidSwitchUsesDifferentEntriesWithoutFlushing() {
        cacheThenRemap(VA, 1, R | AD);

        assertThat(load(VA, 2)).isEqualTo(NEW_PA);
        assertThat(load(VA, 1)).isEqualTo(OLD_PA);
        assertThat(mmu.entries()).extracting(TlbEntryView::asid).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void globalEntryServesEveryAsid() {
        cacheThenRemap(VA, 1, R | G | AD);

        assertThat(load(VA, 2)).isEqualTo(OLD_PA);
        assertThat(mmu.statistics().walks()).isEqualTo(1);
    }

    @Test
    void megapageEntryCoversEveryPageOfTheMegapage() {
        tables.map2m(0x4020_0000L, 0x9020_0000L, R | AD);

        load(0x4020_0000L, 1);
        assertThat(load(0x403F_F000L, 1)).isEqualTo(0x903F_F000L);

        assertThat(mmu.statistics().walks()).isEqualTo(1);
        assertThat(mmu.entries()).singleElement()
                .satisfies(entry -> assertThat(entry.pageSize()).isEqualTo(PageSize.MEGAPAGE_2M));
    }

    @Test
    void sfenceOfAnyAddressInsideAGigapageFlushesIt() {
        tables.map1g(0x4000_0000L, 0xC000_0000L, R | AD);
        load(0x4000_0000L, 1);
        tables.map1g(0x4000_0000L, 0x1_0000_0000L, R | AD);

        mmu.sfenceVma(true, 0x7FFF_F000L, false, 0);

        assertThat(load(0x4000_0000L, 1)).isEqualTo(0x1_0000_0000L);
    }

    @Test
    void storeThroughCachedReadOnlyEntryAfterPteMadeWritableIsSpuriousFault() {
        Sv39Mmu unified = new Sv39Mmu(tables.ram, new TlbConfig(16, 4, true, false));
        tables.map4k(VA, OLD_PA, R | AD);
        unified.translate(VA, LOAD, tables.satp(1), false, false, false, false);
        tables.map4k(VA, OLD_PA, R | W | AD);

        long result = unified.translate(VA, STORE, tables.satp(1), false, false, false, false);

        assertThat(Translation.cause(result)).isEqualTo(15);
        assertThat(unified.statistics().spuriousFaults()).isEqualTo(1);
    }

    @Test
    void storeFaultThroughCachedReadOnlyEntryIsNotSpuriousWhileThePteIsStillReadOnly() {
        Sv39Mmu unified = new Sv39Mmu(tables.ram, new TlbConfig(16, 4, true, false));
        tables.map4k(VA, OLD_PA, R | AD);
        unified.translate(VA, LOAD, tables.satp(1), false, false, false, false);

        long result = unified.translate(VA, STORE, tables.satp(1), false, false, false, false);

        assertThat(Translation.cause(result)).isEqualTo(15);
        assertThat(unified.statistics().spuriousFaults()).isZero();
    }

    @Test
    void storeAfterSfenceSeesTheUpgradedPermission() {
        Sv39Mmu unified = new Sv39Mmu(tables.ram, new TlbConfig(16, 4, true, false));
        tables.map4k(VA, OLD_PA, R | AD);
        unified.translate(VA, LOAD, tables.satp(1), false, false, false, false);
        tables.map4k(VA, OLD_PA, R | W | AD);

        unified.sfenceVma(true, VA, false, 0);

        assertThat(unified.translate(VA, STORE, tables.satp(1), false, false, false, false)).isEqualTo(OLD_PA);
    }
}
