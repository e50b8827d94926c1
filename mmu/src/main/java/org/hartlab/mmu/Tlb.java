package org.hartlab.mmu;

import java.util.Arrays;
import java.util.List;

/**
 * One set-associative TLB array: a cache of leaf translations tagged with ASID and G, which keeps serving what it was
 * filled with until SFENCE.VMA or capacity eviction removes it. Entries are never checked against memory.
 *
 * <p>Superpages occupy a single entry indexed by their own VPN at their own size (the VPN shifted right by 9 per level),
 * so a lookup probes up to three sets, 4 KiB first. Replacement is round-robin per set: deterministic, so runs repeat.
 * Storage is parallel primitive arrays, not entry objects, to keep the hit path to a few array loads.
 *
 * <p>Not thread-safe: a TLB belongs to one hart and is used only by that hart's thread.
 */
final class Tlb {

    private static final long EMPTY = -1L;
    /** Set in {@link #asids} for a global entry, which matches every ASID. */
    private static final int GLOBAL = 1 << 16;
    private static final int LEVEL_MASK = 0x3;

    private final TlbKind kind;
    private final int ways;
    private final int setMask;
    /** Per slot: (VPN at the entry's page size) << 2 | level, or EMPTY. */
    private final long[] tags;
    /** Per slot: the physical address of the first byte of the page, superpage, or -1 for an invalid translation. */
    private final long[] pageBases;
    /** Per slot: the ASID at fill time, OR {@link #GLOBAL} for a global entry. */
    private final int[] asids;
    /** Per slot: PTE bits 7:0 as filled (G effective); 0 (V clear) for an invalid translation. */
    private final byte[] flags;
    /** Per set: the way round-robin replacement evicts next. */
    private final int[] nextVictim;
    /** Bit L set while a level-L (superpage) entry may be present; lets lookups skip superpage probes. */
    private int superpageLevels;
    private long evictions;

    Tlb(TlbKind kind, TlbConfig config) {
        this.kind = kind;
        this.ways = config.ways();
        this.setMask = config.sets() - 1;
        this.tags = new long[config.entries()];
        this.pageBases = new long[config.entries()];
        this.asids = new int[config.entries()];
        this.flags = new byte[config.entries()];
        this.nextVictim = new int[config.sets()];
        Arrays.fill(tags, EMPTY);
    }

    /** Returns the slot of an entry covering canonical {@code va} in address space {@code asid}, or -1. */
    int lookup(long va, int asid) {
        long vpn = Sv39.vpn(va);
        int slot = probe(vpn, 0, asid);
        if (slot < 0 && superpageLevels != 0) {
            slot = probeSuperpages(vpn, asid);
        }
        return slot;
    }

    private int probeSuperpages(long vpn, int asid) {
        for (int level = 1; level < Sv39.LEVELS; level++) {
            if ((superpageLevels & (1 << level)) != 0) {
                int slot = probe(vpn, level, asid);
                if (slot >= 0) {
                    return slot;
                }
            }
        }
        return -1;
    }

    private int probe(long vpn, int level, int asid) {
        long vpnAtLevel = vpn >>> (Sv39.LEVEL_BITS * level);
        long tag = vpnAtLevel << 2 | level;
        int first = ((int) vpnAtLevel & setMask) * ways;
        for (int slot = first; slot < first + ways; slot++) {
            if (tags[slot] == tag && (asids[slot] == asid || (asids[slot] & GLOBAL) != 0)) {
                return slot;
            }
        }
        return -1;
    }

    /** Returns the PTE bits 7:0 the entry in {@code slot} was filled with. */
    int flags(int slot) {
        return flags[slot] & 0xFF;
    }

    /** Returns the physical address of {@code va} through the (valid) entry in {@code slot}. */
    long physicalAddress(int slot, long va) {
        long offsetMask = (1L << Sv39.pageShift((int) tags[slot] & LEVEL_MASK)) - 1;
        return pageBases[slot] | (va & offsetMask);
    }

    /**
     * Caches a translation of {@code va} by a leaf at {@code level}: {@code pteFlags} are bits 7:0 (V clear for an
     * invalid translation), {@code pageBase} the physical address of the page's first byte. Takes a free way of the
     * set, else evicts the round-robin victim.
     */
    void fill(long va, int level, int asid, boolean global, int pteFlags, long pageBase) {
        long vpnAtLevel = Sv39.vpn(va) >>> (Sv39.LEVEL_BITS * level);
        int set = (int) vpnAtLevel & setMask;
        int slot = freeWay(set);
        if (slot < 0) {
            slot = set * ways + nextVictim[set];
            nextVictim[set] = (nextVictim[set] + 1) % ways;
            evictions++;
        }
        tags[slot] = vpnAtLevel << 2 | level;
        pageBases[slot] = pageBase;
        asids[slot] = asid | (global ? GLOBAL : 0);
        flags[slot] = (byte) (global ? pteFlags | Pte.G : pteFlags & ~Pte.G);
        if (level > 0) {
            superpageLevels |= 1 << level;
        }
    }

    private int freeWay(int set) {
        for (int slot = set * ways; slot < (set + 1) * ways; slot++) {
            if (tags[slot] == EMPTY) {
                return slot;
            }
        }
        return -1;
    }

    /** Drops the entry in {@code slot}, e.g. before refilling it from a fresh walk. */
    void invalidate(int slot) {
        tags[slot] = EMPTY;
    }

    /** SFENCE.VMA x0, x0: drops every entry. */
    void flushAll() {
        Arrays.fill(tags, EMPTY);
        superpageLevels = 0;
    }

    /** SFENCE.VMA x0, asid: drops the non-global entries of {@code asid}. */
    void flushAsid(int asid) {
        for (int slot = 0; slot < tags.length; slot++) {
            if (asids[slot] == asid) {
                tags[slot] = EMPTY;
            }
        }
    }

    /** SFENCE.VMA va, x0: drops every entry covering {@code va}, in every address space, global or not. */
    void flushVa(long va) {
        long vpn = Sv39.vpn(va);
        for (int slot = 0; slot < tags.length; slot++) {
            if (covers(slot, vpn)) {
                tags[slot] = EMPTY;
            }
        }
    }

    /** SFENCE.VMA va, asid: drops the non-global entries of {@code asid} covering {@code va}. */
    void flushVaAsid(long va, int asid) {
        long vpn = Sv39.vpn(va);
        for (int slot = 0; slot < tags.length; slot++) {
            if (asids[slot] == asid && covers(slot, vpn)) {
                tags[slot] = EMPTY;
            }
        }
    }

    private boolean covers(int slot, long vpn) {
        long tag = tags[slot];
        if (tag == EMPTY) {
            return false;
        }
        int level = (int) tag & LEVEL_MASK;
        return tag >>> 2 == vpn >>> (Sv39.LEVEL_BITS * level);
    }

    long evictions() {
        return evictions;
    }

    /** Appends a view of every occupied slot, in slot order, to {@code out}. */
    void snapshot(List<TlbEntryView> out) {
        for (int slot = 0; slot < tags.length; slot++) {
            long tag = tags[slot];
            if (tag == EMPTY) {
                continue;
            }
            int level = (int) tag & LEVEL_MASK;
            long va = Sv39.signExtend((tag >>> 2) << Sv39.pageShift(level));
            out.add(new TlbEntryView(kind, va, pageBases[slot], PageSize.ofLevel(level), asids[slot] & Satp.ASID_MASK,
                    flags(slot)));
        }
    }
}
