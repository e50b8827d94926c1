package org.hartlab.mmu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hartlab.mmu.AccessType.FETCH;
import static org.hartlab.mmu.AccessType.LOAD;
import static org.hartlab.mmu.AccessType.STORE;
import static org.hartlab.mmu.PageTableFixture.AD;
import static org.hartlab.mmu.Pte.R;
import static org.hartlab.mmu.Pte.W;
import static org.hartlab.mmu.Pte.X;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The walker's own accesses pass the {@link PteAccessCheck} it was given (the hart's PMP): a denied PTE read, or
 * under Svadu a denied A/D update, is an access fault of the original access type, and is never cached.
 */
class PteAccessCheckTest {
    private static final long VA = 0x4000_1000L;
    private static final long PA = 0x9000_0000L;

    private final PageTableFixture tables = new PageTableFixture();
    /** The PTE addresses and kinds of access the walker asked about, and which of them to deny. */
    private final List<String> asked = new ArrayList<>();
    private long deniedRead = -1;
    private long deniedWrite = -1;
    private final Sv39Mmu mmu = new Sv39Mmu(tables.ram, new TlbConfig(16, 4, false, true), (pteAddress, write) -> {
        asked.add((write ? "write 0x" : "read 0x") + Long.toHexString(pteAddress));
        return pteAddress != (write ? deniedWrite : deniedRead);
    });

    private long translate(AccessType type, boolean svadu) {
        return mmu.translate(VA, type, tables.satp(1), false, false, false, svadu);
    }

    @Test
    void everyPteReadIsCheckedAsARead() {
        tables.map4k(VA, PA, R | W | AD);

        assertThat(translate(LOAD, false)).isEqualTo(PA);

        assertThat(asked).containsExactly("read 0x" + Long.toHexString(tables.pteAddress(VA, 2)),
                "read 0x" + Long.toHexString(tables.pteAddress(VA, 1)),
                "read 0x" + Long.toHexString(tables.pteAddress(VA, 0)));
    }

    @ParameterizedTest
    @EnumSource(AccessType.class)
    void aDeniedPteReadIsAnAccessFaultOfTheOriginalAccessType(AccessType type) {
        tables.map4k(VA, PA, R | W | X | AD);
        deniedRead = tables.pteAddress(VA, 1);

        long result = translate(type, false);

        assertThat(Translation.isFault(result)).isTrue();
        assertThat(Translation.cause(result)).isEqualTo(type.accessFaultCause());
    }

    @Test
    void aDeniedPteReadIsNotCachedAsAnInvalidTranslation() {
        tables.map4k(VA, PA, R | AD);
        deniedRead = tables.pteAddress(VA, 0);
        assertThat(Translation.cause(translate(LOAD, false))).isEqualTo(5);

        deniedRead = -1;

        assertThat(translate(LOAD, false)).as("no SFENCE.VMA needed: nothing was cached").isEqualTo(PA);
    }

    @Test
    void svaduChecksTheAccessedDirtyUpdateAsAWriteAndFaultsWithoutWriting() {
        tables.map4k(VA, PA, R | W | Pte.A);
        deniedWrite = tables.pteAddress(VA, 0);

        long result = translate(STORE, true);

        assertThat(Translation.cause(result)).isEqualTo(7);
        assertThat(tables.readPte(VA, 0)).isEqualTo(Pte.leaf(PA, R | W | Pte.A));
        assertThat(tables.ram.compareAndSets).isZero();
    }

    @Test
    void svaduUpdatesWhenTheWriteIsPermitted() {
        tables.map4k(VA, PA, X);

        assertThat(translate(FETCH, true)).isEqualTo(PA);

        assertThat(asked).contains("write 0x" + Long.toHexString(tables.pteAddress(VA, 0)));
        assertThat(Pte.accessed(tables.readPte(VA, 0))).isTrue();
    }

    @Test
    void svadeNeverAsksToWrite() {
        tables.map4k(VA, PA, R | W);

        translate(STORE, false);

        assertThat(asked).noneMatch(a -> a.startsWith("write"));
    }
}
