package org.hartlab.mmu;

/**
 * The outcome of one page walk, reused by its owner across walks so that walking allocates nothing. Like the spec's
 * algorithm it tracks the current table address {@code a}, level {@code i} and {@code pte}; when the walk ends it
 * holds either a physical address or a {@link FaultReason}.
 */
final class WalkResult {

    /** Why the walk faulted, or null if it succeeded. */
    FaultReason fault;
    /** The translated physical address; meaningful only without a fault. */
    long physicalAddress;
    /** The spec's i: the level of the last PTE read (the leaf's level on success). */
    int level;
    /** The spec's a: the address of the table holding the last PTE read. */
    long tableAddress;
    /** The address of the last PTE read: a + va.vpn[i] × PTESIZE. */
    long pteAddress;
    /** The last PTE read; after a Svadu update, the value written back. */
    long pte;
    /** Whether a pointer above the current level had G set: all mappings below a global pointer are global. */
    boolean globalAbove;
    /** How many times a failed Svadu compare-and-set sent the walk back to step 2. */
    int restarts;

    void reset() {
        fault = null;
        physicalAddress = -1;
        level = Sv39.LEVELS - 1;
        tableAddress = 0;
        pteAddress = 0;
        pte = 0;
        globalAbove = false;
        restarts = 0;
    }

    boolean isFault() {
        return fault != null;
    }

    /** Returns whether the translation is global: set in the leaf itself or inherited from a pointer above it. */
    boolean global() {
        return globalAbove || Pte.global(pte);
    }
}
