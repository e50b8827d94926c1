package org.hartlab.mmu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hartlab.mmu.AccessType.FETCH;
import static org.hartlab.mmu.AccessType.LOAD;
import static org.hartlab.mmu.AccessType.STORE;
import static org.hartlab.mmu.PageTableFixture.AD;
import static org.hartlab.mmu.Pte.R;
import static org.hartlab.mmu.Pte.W;
import static org.hartlab.mmu.Pte.X;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The walk itself: translations of every page size and one test per fault rule of the spec's algorithm. */
class Sv39WalkTest {

    private static final long VA = 0x4000_1234L;
    private static final long PA = 0x9000_0000L;

    private final PageTableFixture tables = new PageTableFixture();
    private final Sv39Mmu mmu = new Sv39Mmu(tables.ram, TlbConfig.defaults());

    private long translate(AccessType type, long va) {
        return mmu.translate(va, type, tables.satp(1), false, false, false, false);
    }

    private int cause(AccessType type, long va) {
        long result = translate(type, va);
        assertThat(Translation.isFault(result)).as("translation of 0x%x faults", va).isTrue();
        return Translation.cause(result);
    }

    @Test
    void bareModeReturnsTheVirtualAddressUnchanged() {
        assertThat(mmu.translate(0x8000_1234L, LOAD, 0, false, false, false, false)).isEqualTo(0x8000_1234L);
        assertThat(mmu.statistics().hits() + mmu.statistics().misses()).isZero();
    }

    @Test
    void bareModeAddressBeyondFiftySixBitsIsAnAccessFault() {
        long result = mmu.translate(1L << 56, STORE, 0, false, false, false, false);

        assertThat(Translation.cause(result)).isEqualTo(7);
    }

    @Test
    void unsupportedModeIsTreatedAsBare() {
        long sv48 = 9L << 60 | (tables.root >>> 12);

        assertThat(mmu.translate(0x1234L, LOAD, sv48, false, false, false, false)).isEqualTo(0x1234L);
    }

    @Test
    void translatesA4KiBPageKeepingThePageOffset() {
        tables.map4k(VA, PA, R | AD);

        assertThat(translate(LOAD, VA)).isEqualTo(PA + 0x234);
    }

    @Test
    void translatesA2MiBMegapageTakingVpn0FromTheVirtualAddress() {
        tables.map2m(0x4020_0000L, 0x9020_0000L, R | AD);

        assertThat(translate(LOAD, 0x403F_F123L)).isEqualTo(0x903F_F123L);
    }

    @Test
    void translatesA1GiBGigapageTakingVpn1AndVpn0FromTheVirtualAddress() {
        tables.map1g(0x4000_0000L, 0xC000_0000L, R | AD);

        assertThat(translate(LOAD, 0x7ABC_DEF8L)).isEqualTo(0xFABC_DEF8L);
    }

    @Test
    void upperHalfCanonicalAddressTranslates() {
        long kernelVa = 0xFFFF_FFC0_8000_0000L;
        tables.map1g(kernelVa, 0x8000_0000L, R | W | X | AD);

        assertThat(translate(FETCH, kernelVa + 0x40)).isEqualTo(0x8000_0040L);
    }

    @ParameterizedTest
    @EnumSource(AccessType.class)
    void invalidPteRaisesThePageFaultOfTheAccessType(AccessType type) {
        assertThat(cause(type, VA)).isEqualTo(type.pageFaultCause());
    }

    @Test
    void writeWithoutReadIsReservedAndFaults() {
        tables.writePte(VA, 0, Pte.V | W | Pte.A | Pte.D | (PA >>> 12 << 10));

        assertThat(cause(STORE, VA)).isEqualTo(15);
    }

    @Test
    void writeExecuteWithoutReadIsReservedAndFaults() {
        tables.writePte(VA, 0, Pte.V | W | X | Pte.A | Pte.D | (PA >>> 12 << 10));

        assertThat(cause(FETCH, VA)).isEqualTo(12);
    }

    @Test
    void reservedBits60To54SetFault() {
        tables.writePte(VA, 0, Pte.leaf(PA, R | AD) | 1L << 54);

        assertThat(cause(LOAD, VA)).isEqualTo(13);
    }

    @Test
    void pbmtWithoutSvpbmtFaults() {
        tables.writePte(VA, 0, Pte.leaf(PA, R | AD) | 1L << 61);

        assertThat(cause(LOAD, VA)).isEqualTo(13);
    }

    @Test
    void napotBitWithoutSvnapotFaults() {
        tables.writePte(VA, 0, Pte.leaf(PA, R | AD) | Pte.N);

        assertThat(cause(LOAD, VA)).isEqualTo(13);
    }

    @Test
    void reservedBitsInAPointerPteFault() {
        tables.map4k(VA, PA, R | AD);
        tables.writePte(VA, 1, tables.readPte(VA, 1) | Pte.A);

        assertThat(cause(LOAD, VA)).isEqualTo(13);
    }

    @Test
    void pointerAtLevelZeroFaults() {
        tables.writePte(VA, 0, Pte.pointer(tables.newTable()));

        assertThat(cause(LOAD, VA)).isEqualTo(13);
    }

    @Test
    void misalignedMegapageFaults() {
        tables.map2m(0x4020_0000L, 0x9020_1000L, R | AD);

        assertThat(cause(LOAD, 0x4020_0000L)).isEqualTo(13);
    }

    @Test
    void misalignedGigapageFaults() {
        tables.map1g(0x4000_0000L, 0xC020_0000L, R | AD);

        assertThat(cause(LOAD, 0x4000_0000L)).isEqualTo(13);
    }

    @Test
    void nonCanonicalAddressFaultsWithoutWalking() {
        tables.map1g(0, 0x8000_0000L, R | AD);
        int loadsBefore = tables.ram.loads;

        assertThat(cause(LOAD, 1L << 39)).isEqualTo(13);
        assertThat(tables.ram.loads).isEqualTo(loadsBefore);
    }

    @Test
    void nonCanonicalAddressFaultsEvenWhenItsLowBitsHitTheTlb() {
        tables.map4k(VA, PA, R | AD);
        translate(LOAD, VA);

        assertThat(cause(LOAD, VA | 1L << 45)).isEqualTo(13);
    }

    @ParameterizedTest
    @EnumSource(AccessType.class)
    void rootTableOutsideRamRaisesTheAccessFaultOfTheAccessType(AccessType type) {
        long satp = Satp.sv39(1, 0x1000_0000L);

        long result = mmu.translate(VA, type, satp, false, false, false, false);

        assertThat(Translation.cause(result)).isEqualTo(type.accessFaultCause());
    }

    @Test
    void pointerToATableOutsideRamIsAnAccessFault() {
        tables.writePte(VA, 2, Pte.pointer(0x2000_0000L));

        assertThat(cause(STORE, VA)).isEqualTo(7);
    }

    @Test
    void globalBitInAPointerMakesTheLeafBelowGlobal() {
        tables.writePte(VA, 2, Pte.pointer(tables.newTable(), Pte.G));
        tables.map4k(VA, PA, R | AD);

        translate(LOAD, VA);

        assertThat(mmu.entries()).singleElement().satisfies(entry -> assertThat(entry.global()).isTrue());
    }
}
