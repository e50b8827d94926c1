package org.hartlab.core.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RamTest {
    @Test
    void largeRamCostsNothingUntilTouched() {
        Ram ram = new Ram(16L << 30);
        assertThat(ram.load64(Ram.BASE + (8L << 30))).isZero();
        assertThat(ram.allocatedBytes()).isZero();
        ram.store8(Ram.BASE + (8L << 30), (byte) 1);
        assertThat(ram.allocatedBytes()).isEqualTo(1 << 20);
    }

    @Test
    void accessesAreLittleEndianAndMayBeMisaligned() {
        Ram ram = new Ram(1 << 20);
        ram.store64(Ram.BASE + 3, 0x0807_0605_0403_0201L);
        assertThat(ram.load8(Ram.BASE + 3)).isEqualTo((byte) 1);
        assertThat(ram.load16(Ram.BASE + 4)).isEqualTo((short) 0x0302);
        assertThat(ram.load32(Ram.BASE + 5)).isEqualTo(0x0605_0403);
    }

    @Test
    void accessStraddlingTwoChunksIsAssembledBytewise() {
        Ram ram = new Ram(2 << 20);
        long edge = Ram.BASE + (1 << 20) - 3;
        ram.store64(edge, 0x1122_3344_5566_7788L);
        assertThat(ram.load64(edge)).isEqualTo(0x1122_3344_5566_7788L);
        assertThat(ram.load32(edge + 2)).isEqualTo(0x3344_5566);
    }

    @Test
    void containsChecksTheWholeRange() {
        Ram ram = new Ram(1 << 20);
        assertThat(ram.contains(Ram.BASE, 8)).isTrue();
        assertThat(ram.contains(Ram.BASE + (1 << 20) - 8, 8)).isTrue();
        assertThat(ram.contains(Ram.BASE + (1 << 20) - 7, 8)).isFalse();
        assertThat(ram.contains(Ram.BASE - 1, 1)).isFalse();
    }

    @Test
    void sizeMustBeWholeMebibytes() {
        assertThatThrownBy(() -> new Ram(1000)).hasMessageContaining("multiple of 1 MiB");
    }
}
