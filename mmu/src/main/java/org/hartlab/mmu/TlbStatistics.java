package org.hartlab.mmu;

/**
 * A snapshot of one hart's TLB counters since its creation.
 *
 * @param hits           Sv39 lookups that found a matching entry (including those that then faulted or re-walked)
 * @param misses         Sv39 lookups that found none; hits + misses counts every canonical Sv39 translation
 * @param walks          walks that could fill the TLB: one per miss, plus Svadu re-walks to set D behind a clean entry
 * @param walkRestarts   times a failed Svadu compare-and-set sent a walk back to re-read its PTE
 * @param negativeHits   hits on cached invalid translations (only with {@link TlbConfig#cacheInvalid()})
 * @param spuriousFaults faults raised from a cached entry although the page table in memory would now allow the access
 * @param evictions      valid entries replaced to make room for a fill
 * @param flushesAll     SFENCE.VMA with rs1 = x0, rs2 = x0
 * @param flushesAsid    SFENCE.VMA with rs1 = x0, rs2 = ASID
 * @param flushesVa      SFENCE.VMA with rs1 = VA, rs2 = x0
 * @param flushesVaAsid  SFENCE.VMA with rs1 = VA, rs2 = ASID
 */
public record TlbStatistics(long hits, long misses, long walks, long walkRestarts, long negativeHits,
        long spuriousFaults, long evictions, long flushesAll, long flushesAsid, long flushesVa, long flushesVaAsid) {

    /** Returns the total number of SFENCE.VMA instructions executed. */
    public long flushes() {
        return flushesAll + flushesAsid + flushesVa + flushesVaAsid;
    }
}
