package org.hartlab.mmu;

/** Sv39 geometry (privileged spec, "Sv39: Page-Based 39-bit Virtual-Memory System") and virtual-address arithmetic. */
final class Sv39 {

    static final int PAGE_SHIFT = 12;
    static final int LEVELS = 3;
    static final int LEVEL_BITS = 9;
    static final int PTE_SIZE = 8;
    static final int VIRTUAL_ADDRESS_BITS = 39;
    static final int PHYSICAL_ADDRESS_BITS = 56;
    /** Width of the full virtual page number VPN[2]:VPN[1]:VPN[0]. */
    static final int VPN_BITS = VIRTUAL_ADDRESS_BITS - PAGE_SHIFT;
    static final long VPN_MASK = (1L << VPN_BITS) - 1;
    private static final int CANONICAL_SHIFT = Long.SIZE - VIRTUAL_ADDRESS_BITS;

    private Sv39() {}

    /** Returns whether bits 63:39 of {@code va} all equal bit 38, as Sv39 requires of every translated address. */
    static boolean isCanonical(long va) {
        return signExtend(va) == va;
    }

    /** Returns {@code va} with bits 63:39 replaced by copies of bit 38. */
    static long signExtend(long va) {
        return (va << CANONICAL_SHIFT) >> CANONICAL_SHIFT;
    }

    /** Returns the 27-bit virtual page number of {@code va}. */
    static long vpn(long va) {
        return (va >>> PAGE_SHIFT) & VPN_MASK;
    }

    /** Returns VPN[level], the 9-bit index into the level-{@code level} table. */
    static int vpn(long va, int level) {
        return (int) (va >>> (PAGE_SHIFT + LEVEL_BITS * level)) & ((1 << LEVEL_BITS) - 1);
    }

    /** Returns log2 of the size of the region a leaf at {@code level} maps: 12, 21 or 30. */
    static int pageShift(int level) {
        return PAGE_SHIFT + LEVEL_BITS * level;
    }
}
