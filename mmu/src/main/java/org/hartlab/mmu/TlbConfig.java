package org.hartlab.mmu;

/**
 * Geometry and policy of one hart's TLB.
 *
 * @param entries       entries per TLB array: each of the two split arrays (fetch, data) has this many, or the single unified one
 * @param ways          associativity; {@code entries / ways} sets, which must be a power of two
 * @param unified       one array shared by fetches, loads and stores, instead of a fetch TLB and a data TLB
 * @param cacheInvalid  also remember walks that found no valid translation, so repeated accesses fault without walking
 *                      until an SFENCE.VMA covers them (the spec allows caching invalid PTEs)
 */
public record TlbConfig(int entries, int ways, boolean unified, boolean cacheInvalid) {

    public TlbConfig {
        if (entries <= 0) {
            throw new IllegalArgumentException("TlbConfig: entries must be positive, got " + entries);
        }
        if (ways <= 0) {
            throw new IllegalArgumentException("TlbConfig: ways must be positive, got " + ways);
        }
        if (entries % ways != 0) {
            throw new IllegalArgumentException(
                    "TlbConfig: entries (%d) must be a multiple of ways (%d)".formatted(entries, ways));
        }
        int sets = entries / ways;
        if (Integer.bitCount(sets) != 1) {
            throw new IllegalArgumentException(
                    "TlbConfig: entries / ways = %d sets, but the set count must be a power of two".formatted(sets));
        }
    }

    /** Returns 64 entries, 4-way, split into a fetch TLB and a data TLB, not caching invalid translations. */
    public static TlbConfig defaults() {
        return new TlbConfig(64, 4, false, false);
    }

    /** Returns the number of sets per array. */
    public int sets() {
        return entries / ways;
    }
}
