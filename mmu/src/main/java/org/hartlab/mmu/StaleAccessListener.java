package org.hartlab.mmu;

/**
 * Told of every access a TLB entry served although the page table in memory no longer agrees with it: the
 * entry maps another physical page, or memory would not allow the access at all. This is the moment a missing or
 * late SFENCE.VMA (a TLB shootdown still in flight) becomes visible to software.
 */
@FunctionalInterface
public interface StaleAccessListener {
    /**
     * @param va       the virtual address accessed
     * @param type     the access
     * @param asid     the address space the entry is tagged with
     * @param cachedPa the physical address the TLB entry gave (the access went there)
     * @param tablePa  the physical address the page table gives now, or -1 if it would fault
     */
    void staleAccess(long va, AccessType type, int asid, long cachedPa, long tablePa);
}
