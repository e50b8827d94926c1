package org.hartlab.mmu;

import java.util.ArrayList;
import java.util.List;

/**
 * One hart's Sv39 MMU: TLB lookup on the hit path, page walk and fill on the slow path, SFENCE.VMA, counters.
 *
 * <p>The TLB is architectural state a kernel can observe. An entry keeps the physical address and permission bits it
 * was filled with until a matching {@link #sfenceVma} or a capacity eviction; changing the PTE in memory, or writing
 * satp, changes nothing (lookups are tagged with satp's ASID, not flushed by it). So a kernel that forgets an
 * SFENCE.VMA sees stale translations and spurious faults here as it would on hardware.
 *
 * <p>Not thread-safe: each hart owns one instance and uses it only from its own thread. Other harts' SFENCE.VMA
 * reach it through the core's IPI machinery, never by calling in directly.
 */
public final class Sv39Mmu {

    private final TlbConfig config;
    private final Sv39PageWalker walker;
    /** Indexed by {@link AccessType#ordinal()}; all three are the same array when the TLB is unified. */
    private final Tlb[] tlbByAccess;
    /** The distinct arrays, for flushes, statistics and snapshots. */
    private final Tlb[] arrays;
    /** Scratch for the slow path's walks, reused to keep walking allocation-free. */
    private final WalkResult walk = new WalkResult();
    /** When set, every permitted hit is checked against memory (a walk without writes): slow, for watching only. */
    private StaleAccessListener staleListener;

    // counters, plain fields: only this hart's thread touches them
    private long hits;
    private long misses;
    private long walks;
    private long walkRestarts;
    private long negativeHits;
    private long spuriousFaults;
    private long flushesAll;
    private long flushesAsid;
    private long flushesVa;
    private long flushesVaAsid;

    public Sv39Mmu(PhysicalMemory memory, TlbConfig config) {
        this(memory, config, PteAccessCheck.NONE);
    }

    /** An MMU whose walker's own PTE reads and A/D updates must also pass {@code pteAccess} (the hart's PMP). */
    public Sv39Mmu(PhysicalMemory memory, TlbConfig config, PteAccessCheck pteAccess) {
        if (memory == null || config == null || pteAccess == null) {
            throw new IllegalArgumentException("Sv39Mmu: memory, config and PTE access check are required");
        }
        this.config = config;
        this.walker = new Sv39PageWalker(memory, pteAccess);
        if (config.unified()) {
            Tlb unified = new Tlb(TlbKind.UNIFIED, config);
            this.arrays = new Tlb[] {unified};
            this.tlbByAccess = new Tlb[] {unified, unified, unified};
        } else {
            Tlb fetch = new Tlb(TlbKind.FETCH, config);
            Tlb data = new Tlb(TlbKind.DATA, config);
            this.arrays = new Tlb[] {fetch, data};
            this.tlbByAccess = new Tlb[AccessType.values().length];
            for (AccessType type : AccessType.values()) {
                tlbByAccess[type.ordinal()] = type == AccessType.FETCH ? fetch : data;
            }
        }
    }

    /**
     * Translates {@code va} for an access of {@code type}. {@code satp} is the raw CSR: MODE Sv39 translates, any other
     * MODE is treated as Bare and returns {@code va} itself (or an access fault if {@code va} is beyond the 56-bit
     * physical address space, which no physical address can be). {@code user} is true when the effective privilege is
     * U; {@code sum} and {@code mxr} are the mstatus bits; {@code svadu} selects hardware A/D updating (else Svade).
     *
     * <p>Returns the physical address, or {@link Translation#fault} with the exception code; the caller reports
     * {@code va} itself as tval. Only the guest's A/D bits are ever written, and only when {@code svadu}.
     */
    private long fetchEpoch;
    private long dataEpoch;

    public long translate(long va, AccessType type, long satp, boolean user, boolean sum, boolean mxr, boolean svadu) {
        if (Satp.mode(satp) != Satp.MODE_SV39) {
            return bare(va, type);
        }
        Tlb tlb = tlbByAccess[type.ordinal()];
        int slot = Sv39.isCanonical(va) ? tlb.lookup(va, Satp.asid(satp)) : -1;
        if (slot >= 0 && Permissions.allowsCached(tlb.flags(slot), type, user, sum, mxr)) {
            hits++;
            long pa = tlb.physicalAddress(slot, va);
            if (staleListener != null) {
                checkAgainstMemory(va, type, satp, user, sum, mxr, svadu, pa);
            }
            return pa;
        }
        return translateSlowPath(va, type, satp, user, sum, mxr, svadu, tlb, slot);
    }

    /** Reports every later hit that the page table no longer agrees with to {@code listener}; null to stop. */
    public void setStaleAccessListener(StaleAccessListener listener) {
        this.staleListener = listener;
    }

    private void checkAgainstMemory(long va, AccessType type, long satp, boolean user, boolean sum, boolean mxr,
            boolean svadu, long cachedPa) {
        Sv39PageWalker.AccessedDirtyPolicy dryRun =
                svadu ? Sv39PageWalker.AccessedDirtyPolicy.SVADU_DRY_RUN : Sv39PageWalker.AccessedDirtyPolicy.SVADE;
        walker.translate(va, Satp.ppn(satp), type, user, sum, mxr, dryRun, walk);
        long tablePa = walk.isFault() ? -1 : walk.physicalAddress;
        if (tablePa != cachedPa) {
            staleListener.staleAccess(va, type, Satp.asid(satp), cachedPa, tablePa);
        }
    }

    private static long bare(long va, AccessType type) {
        return va >>> Sv39.PHYSICAL_ADDRESS_BITS == 0 ? va : Translation.fault(type.accessFaultCause());
    }

    /** Everything but a permitted hit: non-canonical addresses, misses, entries that deny the access or need D set. */
    private long translateSlowPath(long va, AccessType type, long satp, boolean user, boolean sum, boolean mxr,
            boolean svadu, Tlb tlb, int slot) {
        if (!Sv39.isCanonical(va)) {
            return Translation.fault(type.pageFaultCause());
        }
        if (slot < 0) {
            misses++;
            return walkAndFill(va, type, satp, user, sum, mxr, svadu, tlb);
        }
        hits++;
        int flags = tlb.flags(slot);
        if (!Pte.valid(flags)) {
            negativeHits++;
            return faultFromEntry(va, type, satp, user, sum, mxr, svadu);
        }
        if (svadu && type == AccessType.STORE && Permissions.denial(flags, type, user, sum, mxr) == null) {
            // A clean entry cannot take a store under Svadu: the walker must set D in memory first. Re-walk and
            // replace the entry rather than fault, as the spec requires of hardware A/D updating.
            tlb.invalidate(slot);
            return walkAndFill(va, type, satp, user, sum, mxr, true, tlb);
        }
        return faultFromEntry(va, type, satp, user, sum, mxr, svadu);
    }

    /** Walks the page table for {@code va}, caches what it found in {@code tlb}, and returns the translation. */
    private long walkAndFill(long va, AccessType type, long satp, boolean user, boolean sum, boolean mxr,
            boolean svadu, Tlb tlb) {
        walks++;
        Sv39PageWalker.AccessedDirtyPolicy policy =
                svadu ? Sv39PageWalker.AccessedDirtyPolicy.SVADU : Sv39PageWalker.AccessedDirtyPolicy.SVADE;
        walker.translate(va, Satp.ppn(satp), type, user, sum, mxr, policy, walk);
        walkRestarts += walk.restarts;
        int asid = Satp.asid(satp);
        if (walk.isFault()) {
            if (config.cacheInvalid() && walk.fault.invalidTranslation()) {
                // Remember the hole at the size of the PTE that made it: an invalid root PTE covers 1 GiB.
                changing(tlb);
                tlb.fill(va, walk.level, asid, false, 0, -1);
            }
            return Translation.fault(walk.fault.cause(type));
        }
        long pageBase = walk.physicalAddress & ~((1L << Sv39.pageShift(walk.level)) - 1);
        changing(tlb);
        tlb.fill(va, walk.level, asid, walk.global(), (int) (walk.pte & Pte.FLAGS_MASK), pageBase);
        return walk.physicalAddress;
    }

    /**
     * Raises the page fault a cached entry dictates, whatever memory says now. Then, on this fault path only, re-walks
     * memory without filling or writing to count the fault as spurious when the access would now succeed.
     */
    private long faultFromEntry(long va, AccessType type, long satp, boolean user, boolean sum, boolean mxr,
            boolean svadu) {
        Sv39PageWalker.AccessedDirtyPolicy dryRun =
                svadu ? Sv39PageWalker.AccessedDirtyPolicy.SVADU_DRY_RUN : Sv39PageWalker.AccessedDirtyPolicy.SVADE;
        walker.translate(va, Satp.ppn(satp), type, user, sum, mxr, dryRun, walk);
        if (!walk.isFault()) {
            spuriousFaults++;
        }
        return Translation.fault(type.pageFaultCause());
    }

    /**
     * Executes SFENCE.VMA on this hart. {@code hasVa} is false when rs1 = x0, {@code hasAsid} false when rs2 = x0:
     * <ul>
     * <li>neither: drop every entry;</li>
     * <li>ASID only: drop the non-global entries of that ASID;</li>
     * <li>VA only: drop every entry covering {@code va}, in all address spaces, global ones included;</li>
     * <li>both: drop the entries covering {@code va} tagged with that ASID, sparing global ones.</li>
     * </ul>
     * Only the low 16 bits of {@code asid} count (ASIDLEN = 16). A {@code va} that is not a valid (canonical) Sv39
     * address makes the instruction have no effect, as the spec says; it is still counted.
     */
    /** Moves the epochs of the accesses {@code tlb} serves: it is about to change. */
    private void changing(Tlb tlb) {
        if (tlb == tlbByAccess[AccessType.FETCH.ordinal()]) {
            fetchEpoch++;
        }
        if (tlb == tlbByAccess[AccessType.LOAD.ordinal()]) {
            dataEpoch++;
        }
    }

    /**
     * Changes whenever an entry that fetches use may have changed (a fill of their TLB array, which may evict, or
     * an SFENCE.VMA). A hart may reuse a fetch translation this MMU gave it for as long as the epoch stays the
     * same: the entry it came from is still there, unchanged, so the TLB would give the same answer. With split
     * TLBs a data fill leaves it alone, so a TLB miss on a load does not stop the code that made it.
     */
    public long fetchEpoch() {
        return fetchEpoch;
    }

    /** As {@link #fetchEpoch}, for the entries that loads and stores use. */
    public long dataEpoch() {
        return dataEpoch;
    }

    /** Counts {@code n} hits the hart served from translations it kept under an unchanged epoch. */
    public void countReusedHits(int n) {
        hits += n;
    }

    public void sfenceVma(boolean hasVa, long va, boolean hasAsid, int asid) {
        fetchEpoch++;
        dataEpoch++;
        int maskedAsid = asid & Satp.ASID_MASK;
        if (!hasVa) {
            if (!hasAsid) {
                flushesAll++;
                for (Tlb tlb : arrays) {
                    tlb.flushAll();
                }
            } else {
                flushesAsid++;
                for (Tlb tlb : arrays) {
                    tlb.flushAsid(maskedAsid);
                }
            }
            return;
        }
        if (hasAsid) {
            flushesVaAsid++;
        } else {
            flushesVa++;
        }
        if (!Sv39.isCanonical(va)) {
            return;
        }
        for (Tlb tlb : arrays) {
            if (hasAsid) {
                tlb.flushVaAsid(va, maskedAsid);
            } else {
                tlb.flushVa(va);
            }
        }
    }

    /** Returns a snapshot of this hart's counters. */
    public TlbStatistics statistics() {
        long evictions = 0;
        for (Tlb tlb : arrays) {
            evictions += tlb.evictions();
        }
        return new TlbStatistics(hits, misses, walks, walkRestarts, negativeHits, spuriousFaults, evictions,
                flushesAll, flushesAsid, flushesVa, flushesVaAsid);
    }

    /** Returns a snapshot of every entry, array by array (fetch, load, store; or unified), in slot order. */
    public List<TlbEntryView> entries() {
        List<TlbEntryView> out = new ArrayList<>();
        for (Tlb tlb : arrays) {
            tlb.snapshot(out);
        }
        return List.copyOf(out);
    }

    /** Returns the configuration this MMU was built with. */
    public TlbConfig config() {
        return config;
    }
}
