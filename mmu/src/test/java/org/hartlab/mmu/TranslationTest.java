package org.hartlab.mmu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TranslationTest {

    @Test
    void faultRoundTripsItsCause() {
        long result = Translation.fault(15);

        assertThat(Translation.isFault(result)).isTrue();
        assertThat(Translation.cause(result)).isEqualTo(15);
    }

    @Test
    void causeZeroIsStillAFault() {
        assertThat(Translation.isFault(Translation.fault(0))).isTrue();
    }

    @Test
    void largestPhysicalAddressIsNotAFault() {
        assertThat(Translation.isFault((1L << 56) - 1)).isFalse();
        assertThat(Translation.isFault(0)).isFalse();
    }

    @Test
    void negativeCauseIsRejected() {
        assertThatThrownBy(() -> Translation.fault(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Translation.fault");
    }

    @Test
    void accessTypesRaiseTheirOwnExceptionCodes() {
        assertThat(AccessType.FETCH.pageFaultCause()).isEqualTo(12);
        assertThat(AccessType.LOAD.pageFaultCause()).isEqualTo(13);
        assertThat(AccessType.STORE.pageFaultCause()).isEqualTo(15);
        assertThat(AccessType.FETCH.accessFaultCause()).isEqualTo(1);
        assertThat(AccessType.LOAD.accessFaultCause()).isEqualTo(5);
        assertThat(AccessType.STORE.accessFaultCause()).isEqualTo(7);
    }
}
