package org.hartlab.mmu;

/**
 * Step 5 of the translation process: whether a leaf's R/W/X/U bits allow an access at the current privilege with the
 * current SUM and MXR. Shared by the walker (on the PTE just read) and the TLB (on the bits an entry was filled with),
 * so a cached entry is judged exactly as the PTE would have been.
 */
final class Permissions {

    /** Bits a cached entry needs, by {@link AccessType#ordinal()}: X to fetch, R to load, W and D to store. */
    private static final int[] NEEDED_BY_ACCESS = {(int) Pte.X, (int) Pte.R, (int) (Pte.W | Pte.D)};

    private Permissions() {}

    /**
     * Returns why a leaf with PTE bits {@code pte} denies an access of {@code type}, or null if it allows it. Only bits
     * 7:0 are read, so a TLB's cached flags work as well as a whole PTE. A/D are not step 5's business.
     */
    static FaultReason denial(long pte, AccessType type, boolean user, boolean sum, boolean mxr) {
        boolean allowedByRwx = switch (type) {
            case FETCH -> (pte & Pte.X) != 0;
            // MXR makes execute-only pages readable; it never makes anything writable or executable.
            case LOAD -> (pte & Pte.R) != 0 || (mxr && (pte & Pte.X) != 0);
            case STORE -> (pte & Pte.W) != 0;
        };
        if (!allowedByRwx) {
            return switch (type) {
                case FETCH -> FaultReason.NOT_EXECUTABLE;
                case LOAD -> FaultReason.NOT_READABLE;
                case STORE -> FaultReason.NOT_WRITABLE;
            };
        }
        boolean userPage = (pte & Pte.U) != 0;
        if (user) {
            return userPage ? null : FaultReason.SUPERVISOR_PAGE;
        }
        if (!userPage) {
            return null;
        }
        // S-mode on a U page: SUM opens loads and stores only; S-mode never executes user code.
        if (type == AccessType.FETCH) {
            return FaultReason.USER_PAGE_FETCH;
        }
        return sum ? null : FaultReason.USER_PAGE_WITHOUT_SUM;
    }

    /**
     * Returns whether a TLB entry filled with PTE bits {@code pte} can serve an access without another walk: step 5
     * allows it and, for a store, D is already set. (A is always set in a filled entry: fills come from walks that
     * passed step 7.) Any other outcome goes to the slow path, which decides between a fault and a Svadu re-walk.
     *
     * <p>Same verdict as {@code denial(...) == null} plus the D test, in a branch-light form small enough to inline
     * into the TLB hit path; a test checks the two agree on every input.
     */
    static boolean allowsCached(int pte, AccessType type, boolean user, boolean sum, boolean mxr) {
        int effective = mxr && (pte & Pte.X) != 0 ? pte | (int) Pte.R : pte;
        int needed = NEEDED_BY_ACCESS[type.ordinal()];
        if ((effective & needed) != needed) {
            return false;
        }
        boolean userPage = (pte & Pte.U) != 0;
        return user ? userPage : !userPage || (sum && type != AccessType.FETCH);
    }
}
