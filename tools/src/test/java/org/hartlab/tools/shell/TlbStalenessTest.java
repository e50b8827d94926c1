package org.hartlab.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.hartlab.mmu.PageSize;
import org.hartlab.mmu.PhysicalMemory;
import org.hartlab.mmu.Pte;
import org.hartlab.mmu.Satp;
import org.hartlab.mmu.TlbEntryView;
import org.hartlab.mmu.TlbKind;
import org.junit.jupiter.api.Test;

/** A TLB entry is stale when the page table in memory now says something else about its page. */
class TlbStalenessTest {
    private static final long ROOT = 0x8000_0000L;
    private static final long LEVEL1 = 0x8000_1000L;
    private static final long LEVEL0 = 0x8000_2000L;
    private static final long VA = 0x1_0000L;
    private static final long PAGE = 0x8001_0000L;
    private static final long LEAF_SLOT = LEVEL0 + 8L * ((VA >>> 12) & 0x1FF);
    private static final long SATP = Satp.sv39(1, ROOT);
    private static final long USER_RW = Pte.R | Pte.W | Pte.U | Pte.A | Pte.D;

    /** Page tables in a map: every address is RAM, unwritten doublewords read as zero. */
    private static final class Memory implements PhysicalMemory {
        final Map<Long, Long> words = new HashMap<>();

        @Override
        public boolean isRam(long pa, int size) {
            return true;
        }

        @Override
        public long load64(long pa) {
            return words.getOrDefault(pa, 0L);
        }

        @Override
        public boolean compareAndSet64(long pa, long expected, long updated) {
            throw new AssertionError("inspection must not write");
        }
    }

    private final Memory memory = new Memory();

    TlbStalenessTest() {
        memory.words.put(ROOT, Pte.pointer(LEVEL1));
        memory.words.put(LEVEL1, Pte.pointer(LEVEL0));
        memory.words.put(LEAF_SLOT, Pte.leaf(PAGE, USER_RW));
    }

    private static TlbEntryView entry(long pa, long flags) {
        return new TlbEntryView(TlbKind.DATA, VA, pa, PageSize.PAGE_4K, 1, (int) (flags | Pte.V));
    }

    @Test
    void anEntryThatMatchesThePageTableIsNotStale() {
        assertThat(TlbStaleness.disagreement(entry(PAGE, USER_RW), SATP, memory)).isNull();
    }

    @Test
    void anEntryStillWritableAfterThePteLostWriteIsStale() {
        memory.words.put(LEAF_SLOT, Pte.leaf(PAGE, Pte.R | Pte.U | Pte.A | Pte.D));
        assertThat(TlbStaleness.disagreement(entry(PAGE, USER_RW), SATP, memory))
                .isEqualTo("page table: 0x80010000 r--u-ad 4K");
    }

    @Test
    void anEntryForAPageNowMappedElsewhereIsStale() {
        memory.words.put(LEAF_SLOT, Pte.leaf(PAGE + 0x1000, USER_RW));
        assertThat(TlbStaleness.disagreement(entry(PAGE, USER_RW), SATP, memory))
                .isEqualTo("page table: 0x80011000 rw-u-ad 4K");
    }

    @Test
    void anEntryForAPageNowUnmappedIsStale() {
        memory.words.put(LEAF_SLOT, 0L);
        assertThat(TlbStaleness.disagreement(entry(PAGE, USER_RW), SATP, memory)).isEqualTo("page table: unmapped");
    }

    @Test
    void anEntryWhoseAddressSpaceIsGoneIsStale() {
        assertThat(TlbStaleness.disagreement(entry(PAGE, USER_RW), 0, memory))
                .isEqualTo("no address space has asid 1");
    }

    @Test
    void aDirtyBitSetSinceTheFillIsNotStaleness() {
        long clean = Pte.R | Pte.W | Pte.U | Pte.A;
        assertThat(TlbStaleness.disagreement(entry(PAGE, clean), SATP, memory)).isNull();
    }

    @Test
    void aCachedInvalidTranslationIsStaleOnceThePageIsMapped() {
        TlbEntryView invalid = new TlbEntryView(TlbKind.DATA, VA, -1, PageSize.PAGE_4K, 1, 0);
        assertThat(TlbStaleness.disagreement(invalid, SATP, memory)).isEqualTo("page table: 0x80010000 rw-u-ad 4K");
        memory.words.put(LEAF_SLOT, 0L);
        assertThat(TlbStaleness.disagreement(invalid, SATP, memory)).isNull();
    }
}
