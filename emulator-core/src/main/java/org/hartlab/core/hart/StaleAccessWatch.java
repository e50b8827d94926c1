package org.hartlab.core.hart;

import org.hartlab.mmu.AccessType;

/**
 * Watches a hart's loads, stores and atomics served by a TLB entry that the page table in memory no longer agrees
 * with (see {@link org.hartlab.mmu.StaleAccessListener}); called on the hart's own thread, before the access.
 */
@FunctionalInterface
public interface StaleAccessWatch {
    /**
     * @return true to stop the hart before the access, as a debugger's watchpoint would: the instruction has not
     *         executed, its pc is the hart's, and the stale entry is still in the TLB
     */
    boolean staleAccess(Hart hart, long va, AccessType type, int asid, long cachedPa, long tablePa);
}
