package org.hartlab.mmu;

/** The three Sv39 leaf sizes, named as the privileged spec names them, with the walk level at which each is a leaf. */
public enum PageSize {
    /** A 4 KiB page: a leaf at level 0. */
    PAGE_4K(0),
    /** A 2 MiB megapage: a leaf at level 1. */
    MEGAPAGE_2M(1),
    /** A 1 GiB gigapage: a leaf at level 2. */
    GIGAPAGE_1G(2);

    private final int level;

    PageSize(int level) {
        this.level = level;
    }

    /** Returns the size of a leaf found at walk {@code level} (0, 1 or 2). */
    public static PageSize ofLevel(int level) {
        return switch (level) {
            case 0 -> PAGE_4K;
            case 1 -> MEGAPAGE_2M;
            case 2 -> GIGAPAGE_1G;
            default -> throw new IllegalArgumentException("PageSize.ofLevel: Sv39 has levels 0..2, got " + level);
        };
    }

    /** Returns the walk level at which a leaf of this size is found. */
    public int level() {
        return level;
    }

    /** Returns log2 of the size in bytes: 12, 21 or 30. */
    public int shift() {
        return Sv39.pageShift(level);
    }

    /** Returns the size in bytes. */
    public long bytes() {
        return 1L << shift();
    }
}
