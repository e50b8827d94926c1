package org.hartlab.mmu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hartlab.mmu.Pte.A;
import static org.hartlab.mmu.Pte.D;
import static org.hartlab.mmu.Pte.G;
import static org.hartlab.mmu.Pte.R;
import static org.hartlab.mmu.Pte.U;
import static org.hartlab.mmu.Pte.W;
import static org.hartlab.mmu.Pte.X;

import org.junit.jupiter.api.Test;

class PteTest {

    @Test
    void leafBuilderSetsValidAndEveryRequestedFlag() {
        long pte = Pte.leaf(0x8020_0000L, R | W | X | U | G | A | D);

        assertThat(Pte.valid(pte)).isTrue();
        assertThat(Pte.readable(pte)).isTrue();
        assertThat(Pte.writable(pte)).isTrue();
        assertThat(Pte.executable(pte)).isTrue();
        assertThat(Pte.user(pte)).isTrue();
        assertThat(Pte.global(pte)).isTrue();
        assertThat(Pte.accessed(pte)).isTrue();
        assertThat(Pte.dirty(pte)).isTrue();
        assertThat(Pte.isLeaf(pte)).isTrue();
    }

    @Test
    void ppnOccupiesBits53To10() {
        long pte = Pte.leaf(0x00FF_FFFF_FFFF_F000L, R);

        assertThat(Pte.ppn(pte)).isEqualTo(0xFFF_FFFF_FFFFL);
        assertThat(pte & Pte.PPN_MASK).isEqualTo(0xFFF_FFFF_FFFFL << 10);
        assertThat(Pte.physicalAddress(pte)).isEqualTo(0x00FF_FFFF_FFFF_F000L);
    }

    @Test
    void ppnSlicesAreNineNineAndTwentySixBits() {
        long pte = Pte.leaf(0x1234_5678_9000L, R);

        assertThat(Pte.ppn(pte, 0)).isEqualTo(0x123456789L & 0x1FF);
        assertThat(Pte.ppn(pte, 1)).isEqualTo((0x123456789L >>> 9) & 0x1FF);
        assertThat(Pte.ppn(pte, 2)).isEqualTo(0x123456789L >>> 18);
    }

    @Test
    void pointerHasOnlyValidAndPpn() {
        long pte = Pte.pointer(0x8000_3000L);

        assertThat(pte).isEqualTo((0x80003L << 10) | Pte.V);
        assertThat(Pte.isLeaf(pte)).isFalse();
    }

    @Test
    void extensionAndReservedFieldsDecodeFromTheirBits() {
        long pte = Pte.N | (2L << 61) | (0x41L << 54);

        assertThat(Pte.napot(pte)).isTrue();
        assertThat(Pte.pbmt(pte)).isEqualTo(2);
        assertThat(Pte.reserved(pte)).isEqualTo(0x41);
        assertThat(Pte.rsw(0x300L)).isEqualTo(3);
    }

    @Test
    void leafRejectsAddressThatIsNotPageAligned() {
        assertThatThrownBy(() -> Pte.leaf(0x8000_0800L, R))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Pte.leaf").hasMessageContaining("0x80000800");
    }

    @Test
    void leafRejectsFlagsWithoutReadOrExecute() {
        assertThatThrownBy(() -> Pte.leaf(0x8000_0000L, U | A))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs R or X");
    }

    @Test
    void leafRejectsWriteWithoutRead() {
        assertThatThrownBy(() -> Pte.leaf(0x8000_0000L, W | X))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("W without R");
    }

    @Test
    void pointerRejectsBitsReservedInNonLeafPtes() {
        assertThatThrownBy(() -> Pte.pointer(0x8000_0000L, A))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Pte.pointer");
    }

    @Test
    void describeShowsPpnFlagsAndNonzeroFields() {
        assertThat(Pte.describe(Pte.leaf(0x8020_0000L, R | X | A))).isEqualTo("ppn=0x80200 -A--X-RV");
        assertThat(Pte.describe(Pte.V | Pte.N | (1L << 61))).isEqualTo("ppn=0x0 -------V pbmt=1 N");
    }

    @Test
    void satpFieldsDecodeModeAsidAndRootTable() {
        long satp = Satp.sv39(0xBEEF, 0x8000_5000L);

        assertThat(Satp.mode(satp)).isEqualTo(Satp.MODE_SV39);
        assertThat(Satp.asid(satp)).isEqualTo(0xBEEF);
        assertThat(Satp.rootTable(satp)).isEqualTo(0x8000_5000L);
        assertThat(satp).isEqualTo(0x8BEE_F000_0008_0005L);
    }
}
