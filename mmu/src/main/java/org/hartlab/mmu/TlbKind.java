package org.hartlab.mmu;

/**
 * Which TLB array holds an entry: when split, an instruction TLB for fetches and a data TLB shared by loads
 * and stores (so a store can hit an entry a load filled, read-only bits and all); else the one unified array.
 */
public enum TlbKind {
    FETCH, DATA, UNIFIED;

    /** Returns the split array serving accesses of {@code type}. */
    static TlbKind of(AccessType type) {
        return type == AccessType.FETCH ? FETCH : DATA;
    }
}
