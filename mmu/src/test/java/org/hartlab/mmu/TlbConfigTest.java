package org.hartlab.mmu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TlbConfigTest {

    @Test
    void defaultsAreSixtyFourEntriesFourWaySplit() {
        assertThat(TlbConfig.defaults()).isEqualTo(new TlbConfig(64, 4, false, false));
        assertThat(TlbConfig.defaults().sets()).isEqualTo(16);
    }

    @Test
    void fullyAssociativeAndDirectMappedAreAccepted() {
        assertThat(new TlbConfig(8, 8, true, false).sets()).isEqualTo(1);
        assertThat(new TlbConfig(8, 1, true, false).sets()).isEqualTo(8);
    }

    @Test
    void zeroEntriesAreRejected() {
        assertThatThrownBy(() -> new TlbConfig(0, 1, false, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TlbConfig: entries must be positive, got 0");
    }

    @Test
    void zeroWaysAreRejected() {
        assertThatThrownBy(() -> new TlbConfig(8, 0, false, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TlbConfig: ways must be positive, got 0");
    }

    @Test
    void entriesThatAreNotAMultipleOfWaysAreRejected() {
        assertThatThrownBy(() -> new TlbConfig(10, 4, false, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TlbConfig: entries (10) must be a multiple of ways (4)");
    }

    @Test
    void setCountThatIsNotAPowerOfTwoIsRejected() {
        assertThatThrownBy(() -> new TlbConfig(12, 4, false, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TlbConfig: entries / ways = 3 sets, but the set count must be a power of two");
    }
}
