package org.hartlab.core.hart;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.hartlab.core.bus.Ram;

/**
 * A hart-side, direct-mapped cache of the RAM pages its data accesses of one type reach (loads and stores have one
 * each, so a page that may only be read never hits for a store), holding for each virtual page the RAM chunk and
 * offset of its frame, so a hit is a tag compare and one memory access.
 *
 * <p>Under Sv39 an entry is only a memo of what the TLB answered: it is dropped whenever the MMU's epoch moves (a
 * fill that may have evicted, an SFENCE.VMA) and whenever the hart's translation context changes (satp, privilege,
 * MPRV, SUM, MXR), so a hit returns exactly what the TLB lookup would, staleness included. In Bare mode an entry
 * maps a page to itself. The hits are counted here and handed to the MMU's counters by the hart, which knows
 * whether they were TLB hits. Small and array-based so the hit path inlines into translated code.
 */
final class MicroTlb {
    private static final int ENTRIES = 64;
    private static final long NONE = -1;

    /** Per entry: the virtual page number it translates, or NONE. */
    private final long[] pages = new long[ENTRIES];
    /**
     * Per entry: the RAM chunk holding the frame, as a segment and as the array behind it, and where in it the
     * frame starts. Accesses within one aligned 8-byte word that need no narrow store use the array: an element
     * access has none of a segment's checks.
     */
    private final MemorySegment[] chunks = new MemorySegment[ENTRIES];
    private final long[][] words = new long[ENTRIES][];
    private final long[] offsets = new long[ENTRIES];
    /** Per entry: the physical address of the frame's first byte. */
    private final long[] frames = new long[ENTRIES];
    /** The MMU epoch the entries were granted under. */
    private long epoch = NONE;
    /** For stores: the bus's flag epoch when the entries' pages were seen unflagged (see {@link #fill}). */
    private long flagEpoch = NONE;
    private int hits;

    MicroTlb() {
        Arrays.fill(pages, NONE);
    }

    /** True if {@code size} bytes at {@code va} lie on one page cached under {@code mmuEpoch}. */
    boolean hit(long va, int size, long mmuEpoch) {
        long page = va >>> 12;
        return pages[(int) page & (ENTRIES - 1)] == page && epoch == mmuEpoch && (va & 0xFFF) <= 0x1000 - size;
    }

    /** Loads through an entry {@link #hit} found. */
    long load(long va, int size) {
        int i = (int) (va >>> 12) & (ENTRIES - 1);
        hits++;
        long offset = offsets[i] + (va & 0xFFF);
        int shift = (int) offset & 7;
        if (shift + size <= 8) {
            long w = words[i][(int) (offset >>> 3)] >>> (shift * 8); // RAM is little-endian, as RISC-V is
            return switch (size) {
                case 8 -> w;
                case 4 -> (int) w;
                case 2 -> (short) w;
                default -> (byte) w;
            };
        }
        return Ram.get(chunks[i], offset, size);
    }

    /** Stores through an entry {@link #hit} found; returns the physical address written. */
    long store(long va, long value, int size) {
        int i = (int) (va >>> 12) & (ENTRIES - 1);
        hits++;
        long offset = offsets[i] + (va & 0xFFF);
        if (size == 8 && (offset & 7) == 0) {
            words[i][(int) (offset >>> 3)] = value;
        } else {
            Ram.set(chunks[i], offset, value, size); // a narrow store must not rewrite its neighbours' bytes
        }
        return frames[i] | (va & 0xFFF);
    }

    /**
     * Remembers that {@code va} reaches RAM at {@code pa}, in {@code chunk}, under {@code mmuEpoch} and, for a
     * store-TLB, the bus's {@code flagEpoch} (loads pass 0): entries of either older epoch are forgotten.
     */
    void fill(long va, long pa, MemorySegment chunk, long mmuEpoch, long flagEpoch) {
        if (epoch != mmuEpoch || this.flagEpoch != flagEpoch) {
            Arrays.fill(pages, NONE);
            epoch = mmuEpoch;
            this.flagEpoch = flagEpoch;
        }
        long page = va >>> 12;
        int i = (int) page & (ENTRIES - 1);
        pages[i] = page;
        chunks[i] = chunk;
        words[i] = (long[]) chunk.heapBase().orElseThrow();
        offsets[i] = Ram.pageOffset(pa);
        frames[i] = pa & ~0xFFFL;
    }

    long flagEpoch() {
        return flagEpoch;
    }

    /** Forgets everything (the translation context changed); the next fill empties the arrays. */
    void clear() {
        epoch = NONE;
    }

    /** The hits since the last call. */
    int drainHits() {
        int n = hits;
        hits = 0;
        return n;
    }
}
