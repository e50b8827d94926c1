package org.hartlab.mmu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hartlab.mmu.AccessType.FETCH;
import static org.hartlab.mmu.AccessType.LOAD;
import static org.hartlab.mmu.AccessType.STORE;
import static org.hartlab.mmu.Pte.A;
import static org.hartlab.mmu.Pte.D;
import static org.hartlab.mmu.Pte.R;
import static org.hartlab.mmu.Pte.W;
import static org.hartlab.mmu.Pte.X;

import org.junit.jupiter.api.Test;

/** Step 7: Svade faults on clear A/D; Svadu sets them in guest memory with a compare-and-set. */
class AccessedDirtyTest {

    private static final long VA = 0x4000_1000L;
    private static final long PA = 0x9000_0000L;

    private final PageTableFixture tables = new PageTableFixture();
    private final Sv39Mmu mmu = new Sv39Mmu(tables.ram, TlbConfig.defaults());

    private long svade(AccessType type) {
        return mmu.translate(VA, type, tables.satp(1), false, false, false, false);
    }

    private long svadu(AccessType type) {
        return mmu.translate(VA, type, tables.satp(1), false, false, false, true);
    }

    @Test
    void svadeFaultsWhenAccessedIsClear() {
        tables.map4k(VA, PA, R | X);

        assertThat(Translation.cause(svade(FETCH))).isEqualTo(12);
    }

    @Test
    void svadeFaultsOnStoreWhenDirtyIsClear() {
        tables.map4k(VA, PA, R | W | A);

        assertThat(Translation.cause(svade(STORE))).isEqualTo(15);
    }

    @Test
    void svadeAllowsLoadsWhenDirtyIsClear() {
        tables.map4k(VA, PA, R | W | A);

        assertThat(svade(LOAD)).isEqualTo(PA);
    }

    @Test
    void svadeNeverWritesThePte() {
        tables.map4k(VA, PA, R | W);

        svade(STORE);

        assertThat(tables.readPte(VA, 0)).isEqualTo(Pte.leaf(PA, R | W));
        assertThat(tables.ram.compareAndSets).isZero();
    }

    @Test
    void svaduSetsAccessedButNotDirtyInMemoryOnLoad() {
        tables.map4k(VA, PA, R | W);

        assertThat(svadu(LOAD)).isEqualTo(PA);
        assertThat(tables.readPte(VA, 0)).isEqualTo(Pte.leaf(PA, R | W | A));
    }

    @Test
    void svaduSetsAccessedAndDirtyInMemoryOnStore() {
        tables.map4k(VA, PA, R | W);

        assertThat(svadu(STORE)).isEqualTo(PA);
        assertThat(tables.readPte(VA, 0)).isEqualTo(Pte.leaf(PA, R | W | A | D));
    }

    @Test
    void svaduLeavesThePteUntouchedWhenPermissionsDeny() {
        tables.map4k(VA, PA, R);

        assertThat(Translation.cause(svadu(STORE))).isEqualTo(15);
        assertThat(tables.readPte(VA, 0)).isEqualTo(Pte.leaf(PA, R));
    }

    @Test
    void svaduCompareAndSetRaceRereadsThePteAndUsesItsNewValue() {
        long racedPa = 0xA000_0000L;
        long[] pteAddress = new long[1];
        TestRam racyRam = new TestRam(PageTableFixture.RAM_SIZE) {
            private boolean raced;

            @Override
            public boolean compareAndSet64(long pa, long expected, long updated) {
                if (!raced) {
                    // Another hart remaps the page between our read and our update.
                    raced = true;
                    store64(pteAddress[0], Pte.leaf(racedPa, R | W));
                }
                return super.compareAndSet64(pa, expected, updated);
            }
        };
        PageTableFixture racyTables = new PageTableFixture(racyRam);
        racyTables.map4k(VA, PA, R | W);
        pteAddress[0] = racyTables.pteAddress(VA, 0);
        Sv39Mmu racyMmu = new Sv39Mmu(racyRam, TlbConfig.defaults());

        long result = racyMmu.translate(VA, STORE, racyTables.satp(1), false, false, false, true);

        assertThat(result).isEqualTo(racedPa);
        assertThat(racyTables.readPte(VA, 0)).isEqualTo(Pte.leaf(racedPa, R | W | A | D));
        assertThat(racyRam.compareAndSets).isEqualTo(2);
        assertThat(racyMmu.statistics().walkRestarts()).isEqualTo(1);
    }

    @Test
    void svaduStoreThroughACachedCleanEntryRewalksAndSetsDirty() {
        // Only a unified TLB can hold a clean entry a store may hit: a split store array is filled by stores alone.
        Sv39Mmu unified = new Sv39Mmu(tables.ram, new TlbConfig(16, 4, true, false));
        tables.map4k(VA, PA, R | W);
        unified.translate(VA, LOAD, tables.satp(1), false, false, false, true);

        assertThat(unified.translate(VA, STORE, tables.satp(1), false, false, false, true)).isEqualTo(PA);
        assertThat(tables.readPte(VA, 0)).isEqualTo(Pte.leaf(PA, R | W | A | D));
        assertThat(unified.statistics().walks()).isEqualTo(2);
        assertThat(unified.entries()).singleElement().satisfies(entry -> assertThat(entry.dirty()).isTrue());
    }

    @Test
    void svadeStoreThroughACachedCleanEntryFaultsEvenAfterThePteWasMarkedDirty() {
        Sv39Mmu unified = new Sv39Mmu(tables.ram, new TlbConfig(16, 4, true, false));
        tables.map4k(VA, PA, R | W | A);
        unified.translate(VA, LOAD, tables.satp(1), false, false, false, false);
        tables.writePte(VA, 0, Pte.leaf(PA, R | W | A | D));

        long result = unified.translate(VA, STORE, tables.satp(1), false, false, false, false);

        assertThat(Translation.cause(result)).isEqualTo(15);
        assertThat(unified.statistics().spuriousFaults()).isEqualTo(1);
    }
}
