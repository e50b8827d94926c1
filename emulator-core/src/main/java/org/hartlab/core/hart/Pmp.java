package org.hartlab.core.hart;

/**
 * One hart's physical memory protection unit (privileged spec, "Physical Memory Protection"): 64 entries, each a
 * pmpNcfg byte and a pmpaddrN register, with a granularity of 4 bytes (G = 0, so NA4 exists and pmpaddr reads back as
 * written) and no Smepmp.
 * <pre>
 *  pmpNcfg:   7   6:5   4:3   2   1   0        pmpaddrN (RV64):  63:54  53:0
 *             L   0     A     X   W   R                           0      physical address bits 55:2
 * </pre>
 * A is OFF, TOR (pmpaddr(N-1) &lt;= a &lt; pmpaddrN, from 0 for entry 0), NA4 (4 bytes) or NAPOT (the trailing ones
 * of pmpaddrN give the size, 8 bytes and up). The lowest-numbered entry that matches any byte of an access decides
 * it: the access fails if the entry does not match every byte, else M-mode succeeds unless L is set, and otherwise
 * R/W/X decide. An access no entry matches succeeds in M-mode and fails in S and U (entries are implemented). L
 * locks the entry's cfg and address until reset, and a locked TOR entry its bottom, pmpaddr(N-1), too.
 *
 * <p>Every write re-derives the active entries as byte ranges, and which privileges no access can fail at (nothing
 * matches in M-mode, or the first active entry is RWX over all physical memory, as firmware leaves it), so that the
 * common case costs one bit test. Owned by its hart's thread, like the rest of its CSRs.
 */
final class Pmp {
    static final int ENTRIES = 64;
    /** Access bits, as in pmpNcfg. */
    static final int R = 1, W = 2, X = 4;
    /** The A field set to NAPOT, where it sits in a pmpNcfg byte. */
    static final int A_NAPOT = 3 << 3;

    private static final int RWX = R | W | X;
    private static final int L = 0x80;
    private static final int A_SHIFT = 3;
    private static final int OFF = 0, TOR = 1, NA4 = 2;
    /** L, A, X, W, R; bits 6:5 are reserved and read as zero. */
    private static final int CFG_WRITABLE = L | (3 << A_SHIFT) | RWX;
    /** pmpaddr holds physical address bits 55:2. */
    private static final long ADDR_MASK = (1L << 54) - 1;
    private static final int PHYSICAL_ADDRESS_BITS = 56;
    private static final int PAGE = 4096;

    private final byte[] cfg = new byte[ENTRIES];
    private final long[] addr = new long[ENTRIES];

    // Derived from cfg and addr on every write: the entries that match something, in priority order.
    private int active;
    private final long[] bottoms = new long[ENTRIES];
    private final long[] tops = new long[ENTRIES];
    private final int[] settings = new int[ENTRIES];
    /** Bit p set: no access at privilege p can fail. At reset every entry is OFF, so M-mode alone is free. */
    private int unchecked = 1 << Privilege.MACHINE;

    /** pmpcfg{@code n} (n even), entries 4n to 4n+7, one byte each. */
    long readCfg(int n) {
        long value = 0;
        for (int j = 7; j >= 0; j--) {
            value = (value << 8) | (cfg[4 * n + j] & 0xFF);
        }
        return value;
    }

    /**
     * Writes pmpcfg{@code n} (n even) byte by byte: a locked entry keeps its byte, reserved bits stay zero, and the
     * reserved R=0 W=1 combination is stored without W, which grants less than was asked, never more (WARL).
     */
    void writeCfg(int n, long value) {
        for (int j = 0; j < 8; j++) {
            int entry = 4 * n + j;
            if (!locked(entry)) {
                int b = (int) (value >>> (8 * j)) & CFG_WRITABLE;
                cfg[entry] = (byte) ((b & (R | W)) == W ? b & ~W : b);
            }
        }
        derive();
    }

    long readAddr(int i) {
        return addr[i];
    }

    /** Writes pmpaddr{@code i}, unless entry i is locked or entry i+1 is a locked TOR entry, whose bottom it is. */
    void writeAddr(int i, long value) {
        boolean lockedBelowTor = i + 1 < ENTRIES && locked(i + 1) && mode(i + 1) == TOR;
        if (!locked(i) && !lockedBelowTor) {
            addr[i] = value & ADDR_MASK;
            derive();
        }
    }

    /** True when no access at privilege {@code priv} can fail a PMP check, whatever its address. */
    boolean unchecked(int priv) {
        return (unchecked >>> priv & 1) != 0;
    }

    /** Whether an access of {@code size} bytes at physical address {@code pa} for {@code access} (R, W or X) passes. */
    boolean permits(int priv, long pa, int size, int access) {
        return unchecked(priv) || decide(priv, pa, size, access);
    }

    /**
     * Whether every access of type {@code access} anywhere on the 4 KiB page holding {@code pa} passes, so a cache
     * of the page (a micro-TLB entry, a decoded block) needs no check per access. One entry must match the whole page.
     */
    boolean grantsPage(int priv, long pa, int access) {
        return unchecked(priv) || decide(priv, pa & -PAGE, PAGE, access);
    }

    private boolean decide(int priv, long pa, int size, int access) {
        if (pa >>> PHYSICAL_ADDRESS_BITS == 0) { // beyond the physical address space nothing can match
            long end = pa + size;
            for (int k = 0; k < active; k++) {
                if (pa < tops[k] && bottoms[k] < end) {
                    if (pa < bottoms[k] || end > tops[k]) {
                        return false; // matches only some bytes: fails whatever L, R, W and X say
                    }
                    int s = settings[k];
                    return (priv == Privilege.MACHINE && (s & L) == 0) || (s & access) == access;
                }
            }
        }
        return priv == Privilege.MACHINE;
    }

    private boolean locked(int entry) {
        return (cfg[entry] & L) != 0;
    }

    private int mode(int entry) {
        return (cfg[entry] >>> A_SHIFT) & 3;
    }

    private void derive() {
        active = 0;
        for (int i = 0; i < ENTRIES; i++) {
            int a = mode(i);
            if (a == OFF) {
                continue;
            }
            long bottom;
            long top;
            if (a == TOR) {
                bottom = i == 0 ? 0 : addr[i - 1] << 2;
                top = addr[i] << 2;
            } else if (a == NA4) {
                bottom = addr[i] << 2;
                top = bottom + 4;
            } else { // NAPOT: pmpaddr = base/4 | (size/8 - 1), so k trailing ones mean 2^(k+3) bytes
                long size = 1L << (Long.numberOfTrailingZeros(~addr[i]) + 3);
                bottom = (addr[i] << 2) & -size;
                top = bottom + size;
            }
            if (bottom < top) { // a TOR entry whose bottom is not below its top matches nothing
                bottoms[active] = bottom;
                tops[active] = top;
                settings[active] = cfg[i] & 0xFF;
                active++;
            }
        }
        unchecked = active == 0 ? 1 << Privilege.MACHINE : 0;
        if (active > 0 && bottoms[0] == 0 && tops[0] >= 1L << PHYSICAL_ADDRESS_BITS) {
            // The first active entry matches every access whole, so it alone decides every one.
            if ((settings[0] & RWX) == RWX) {
                unchecked = (1 << Privilege.USER) | (1 << Privilege.SUPERVISOR) | (1 << Privilege.MACHINE);
            } else if ((settings[0] & L) == 0) {
                unchecked = 1 << Privilege.MACHINE;
            }
        }
    }
}
