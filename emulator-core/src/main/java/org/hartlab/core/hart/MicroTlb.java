package org.hartlab.core.hart;

import java.util.Arrays;

/**
 * A hart-side, direct-mapped cache of data translations its {@link org.hartlab.mmu.Sv39Mmu} has granted for one
 * access type (loads and stores have one each, so a page that may only be read never hits for a store).
 *
 * <p>An entry is only a memo of what the TLB answered: it is dropped whenever the MMU's epoch moves (a fill that
 * may have evicted, an SFENCE.VMA) and whenever the hart's translation context changes (satp, privilege, MPRV,
 * SUM, MXR), so a hit returns exactly what the TLB lookup would, staleness included. Small and array-based so
 * the hit path inlines into the interpreter's load and store.
 */
final class MicroTlb {
    private static final int ENTRIES = 64;
    private static final long NONE = -1;

    /** Per entry: the virtual page number it translates, or NONE. */
    private final long[] pages = new long[ENTRIES];
    /** Per entry: the physical address of the page's first byte. */
    private final long[] frames = new long[ENTRIES];
    /** The MMU epoch the entries were granted under. */
    private long epoch = NONE;

    MicroTlb() {
        Arrays.fill(pages, NONE);
    }

    /** The physical address of {@code va} if cached under {@code mmuEpoch}, else -1. */
    long lookup(long va, long mmuEpoch) {
        long page = va >>> 12;
        int i = (int) page & (ENTRIES - 1);
        if (pages[i] != page || epoch != mmuEpoch) {
            return -1;
        }
        return frames[i] | (va & 0xFFF);
    }

    /** Remembers that {@code va} translated to {@code pa} under {@code mmuEpoch} (forgetting older epochs). */
    void fill(long va, long pa, long mmuEpoch) {
        if (epoch != mmuEpoch) {
            Arrays.fill(pages, NONE);
            epoch = mmuEpoch;
        }
        long page = va >>> 12;
        int i = (int) page & (ENTRIES - 1);
        pages[i] = page;
        frames[i] = pa & ~0xFFFL;
    }

    /** Forgets everything (the translation context changed); the next fill empties the arrays. */
    void clear() {
        epoch = NONE;
    }
}
