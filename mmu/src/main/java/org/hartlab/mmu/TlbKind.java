package org.hartlab.mmu;

/** Which TLB array holds an entry: one per access type when split, or the single unified array. */
public enum TlbKind {
    FETCH, LOAD, STORE, UNIFIED;

    /** Returns the split array serving accesses of {@code type}. */
    static TlbKind of(AccessType type) {
        return switch (type) {
            case FETCH -> FETCH;
            case LOAD -> LOAD;
            case STORE -> STORE;
        };
    }
}
