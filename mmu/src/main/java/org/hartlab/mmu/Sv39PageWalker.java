package org.hartlab.mmu;

import java.util.List;

/**
 * The Sv39 page walker: the privileged spec's numbered "Virtual Address Translation Process" with LEVELS = 3,
 * PAGESIZE = 4096 and PTESIZE = 8, one comment per step. It knows nothing of TLBs; {@link Sv39Mmu} decides what to
 * cache. Stateless apart from the memory it reads, so one instance may serve any number of walks on one thread.
 */
final class Sv39PageWalker {

    /** How step 7 treats A = 0, or D = 0 on a store. */
    enum AccessedDirtyPolicy {
        /** Svade: raise a page fault and let software set the bits. */
        SVADE,
        /** Svadu: set the bits in guest memory with a compare-and-set, returning to step 2 if the PTE changed. */
        SVADU,
        /**
         * Svadu's verdict without its write: the walk succeeds as if the update had been made, and memory is untouched.
         * Used to ask "would this access succeed now?" on a fault path, which must not change guest state.
         */
        SVADU_DRY_RUN
    }

    private final PhysicalMemory memory;
    private final PteAccessCheck access;

    Sv39PageWalker(PhysicalMemory memory, PteAccessCheck access) {
        this.memory = memory;
        this.access = access;
    }

    /**
     * Translates canonical {@code va} through the table rooted at physical page {@code rootPpn} for an access of
     * {@code type} (user: effective privilege is U), leaving the physical address or the fault in {@code out}.
     * Writes guest memory only under {@link AccessedDirtyPolicy#SVADU}, and only to set A/D.
     */
    void translate(long va, long rootPpn, AccessType type, boolean user, boolean sum, boolean mxr,
            AccessedDirtyPolicy policy, WalkResult out) {
        out.reset();
        // 1. Let a be satp.ppn × PAGESIZE, and let i = LEVELS − 1.
        long a = rootPpn << Sv39.PAGE_SHIFT;
        int i = Sv39.LEVELS - 1;
        while (findLeaf(va, a, i, out, null)) {
            long pte = out.pte;
            // 5. A leaf PTE has been found. Determine if the access is allowed by pte.r, pte.w, pte.x and pte.u,
            //    given the current privilege mode and SUM and MXR. If not, raise a page fault.
            FaultReason denied = Permissions.denial(pte, type, user, sum, mxr);
            if (denied != null) {
                out.fault = denied;
                return;
            }
            // 6. If i > 0 and pte.ppn[i − 1 : 0] ≠ 0, this is a misaligned superpage: raise a page fault.
            if (misalignedSuperpage(pte, out.level)) {
                out.fault = FaultReason.MISALIGNED_SUPERPAGE;
                return;
            }
            // 7. If pte.a = 0, or the access is a store and pte.d = 0, either raise a page fault (Svade), or (Svadu)
            //    atomically compare pte with the PTE in memory and, if they match, set pte.a and, for a store, pte.d.
            //    If the comparison fails, return to step 2.
            boolean store = type == AccessType.STORE;
            if (!Pte.accessed(pte) || (store && !Pte.dirty(pte))) {
                long updated = pte | Pte.A | (store ? Pte.D : 0);
                // The update is an S-mode store to the PTE, which PMP may deny (Svade writes nothing).
                if (policy != AccessedDirtyPolicy.SVADE && !access.permits(out.pteAddress, true)) {
                    out.fault = FaultReason.PTE_UPDATE_DENIED;
                    return;
                }
                switch (policy) {
                    case SVADE -> {
                        out.fault = Pte.accessed(pte) ? FaultReason.DIRTY_CLEAR : FaultReason.ACCESSED_CLEAR;
                        return;
                    }
                    case SVADU -> {
                        if (!memory.compareAndSet64(out.pteAddress, pte, updated)) {
                            // Back to step 2 with the same a and i: re-read this PTE, not the whole path.
                            out.restarts++;
                            a = out.tableAddress;
                            i = out.level;
                            continue;
                        }
                    }
                    case SVADU_DRY_RUN -> { }
                }
                out.pte = updated;
            }
            // 8. The translation is successful: pa.pgoff = va.pgoff; for a superpage pa.ppn[i−1:0] = va.vpn[i−1:0];
            //    pa.ppn[LEVELS−1:i] = pte.ppn[LEVELS−1:i].
            out.physicalAddress = physicalAddress(va, pte, out.level);
            return;
        }
    }

    /**
     * Walks {@code va} for inspection: steps 1–4 and 6 only (no access, so no step 5 or 7), recording every PTE read
     * in {@code trace}. Never writes memory.
     */
    void inspect(long va, long rootPpn, WalkResult out, List<WalkStep> trace) {
        out.reset();
        if (!findLeaf(va, rootPpn << Sv39.PAGE_SHIFT, Sv39.LEVELS - 1, out, trace)) {
            return;
        }
        if (misalignedSuperpage(out.pte, out.level)) {
            out.fault = FaultReason.MISALIGNED_SUPERPAGE;
            return;
        }
        out.physicalAddress = physicalAddress(va, out.pte, out.level);
    }

    /**
     * Steps 2–4 from table {@code a} at level {@code i}: descends through pointers until it finds a leaf (returns true,
     * with the leaf in {@code out}) or a fault (returns false, with the reason in {@code out.fault}). Appends each PTE
     * read to {@code trace} when it is not null.
     */
    private boolean findLeaf(long va, long a, int i, WalkResult out, List<WalkStep> trace) {
        while (true) {
            // 2. Let pte be the value of the PTE at address a + va.vpn[i] × PTESIZE. If accessing pte violates a PMA
            //    or PMP check, raise an access fault corresponding to the original access type.
            long pteAddress = a + (long) Sv39.vpn(va, i) * Sv39.PTE_SIZE;
            out.level = i;
            out.tableAddress = a;
            out.pteAddress = pteAddress;
            boolean inRam = memory.isRam(pteAddress, Sv39.PTE_SIZE);
            if (!inRam || !access.permits(pteAddress, false)) {
                if (trace != null) {
                    trace.add(new WalkStep(i, pteAddress, 0, false));
                }
                out.pte = 0;
                out.fault = inRam ? FaultReason.PTE_READ_DENIED : FaultReason.PTE_NOT_IN_RAM;
                return false;
            }
            long pte = memory.load64(pteAddress);
            out.pte = pte;
            if (trace != null) {
                trace.add(new WalkStep(i, pteAddress, pte, true));
            }
            // 3. If pte.v = 0, or pte.r = 0 and pte.w = 1, or any bits or encodings reserved for future standard use
            //    are set within pte, raise a page fault corresponding to the original access type.
            FaultReason invalid = invalidity(pte);
            if (invalid != null) {
                out.fault = invalid;
                return false;
            }
            // 4. Otherwise the PTE is valid. If pte.r = 1 or pte.x = 1, go to step 5. Otherwise this PTE points to the
            //    next level: let i = i − 1; if i < 0 raise a page fault, else let a = pte.ppn × PAGESIZE and go to 2.
            if (Pte.isLeaf(pte)) {
                return true;
            }
            if (i == 0) {
                out.fault = FaultReason.POINTER_AT_LEVEL_0;
                return false;
            }
            out.globalAbove |= Pte.global(pte);
            i--;
            a = Pte.physicalAddress(pte);
        }
    }

    /**
     * Returns why step 3 rejects {@code pte}, or null if it is a valid leaf or pointer. With V = 0 every other bit is
     * software's, so nothing else is looked at.
     */
    static FaultReason invalidity(long pte) {
        if (!Pte.valid(pte)) {
            return FaultReason.NOT_VALID;
        }
        if (Pte.writable(pte) && !Pte.readable(pte)) {
            return FaultReason.WRITE_WITHOUT_READ;
        }
        if (Pte.reserved(pte) != 0) {
            return FaultReason.RESERVED_BITS;
        }
        if (Pte.pbmt(pte) != 0) {
            return FaultReason.PBMT_WITHOUT_SVPBMT;
        }
        if (Pte.napot(pte)) {
            return FaultReason.NAPOT_WITHOUT_SVNAPOT;
        }
        if (!Pte.isLeaf(pte) && (pte & (Pte.D | Pte.A | Pte.U)) != 0) {
            return FaultReason.POINTER_RESERVED_BITS;
        }
        return null;
    }

    /** Step 6: whether a leaf at {@code level} has nonzero pte.ppn[level−1:0]. */
    static boolean misalignedSuperpage(long pte, int level) {
        long lowPpnMask = (1L << (Sv39.LEVEL_BITS * level)) - 1;
        return (Pte.ppn(pte) & lowPpnMask) != 0;
    }

    /** Step 8: the leaf's PPN above the page size, the virtual address below it. */
    static long physicalAddress(long va, long pte, int level) {
        long offsetMask = (1L << Sv39.pageShift(level)) - 1;
        return (Pte.physicalAddress(pte) & ~offsetMask) | (va & offsetMask);
    }
}
