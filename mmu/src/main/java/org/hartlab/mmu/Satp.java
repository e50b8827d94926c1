package org.hartlab.mmu;

/**
 * Layout descriptor of the RV64 {@code satp} CSR.
 *
 * <pre>
 *  63    60 59            44 43                                  0
 * +--------+----------------+-------------------------------------+
 * |  MODE  |      ASID      |                 PPN                 |
 * +--------+----------------+-------------------------------------+
 *      4           16                          44
 * </pre>
 *
 * <p>MODE 0 is Bare (no translation), 8 is Sv39. hartlab implements all 16 ASID bits (ASIDLEN = ASIDMAX = 16). PPN is
 * the physical page number of the root page table.
 */
public final class Satp {

    public static final int MODE_BARE = 0;
    public static final int MODE_SV39 = 8;
    public static final int MODE_SHIFT = 60;
    public static final int ASID_SHIFT = 44;
    public static final int ASID_MASK = 0xFFFF;
    public static final long PPN_MASK = (1L << 44) - 1;

    private Satp() {}

    public static int mode(long satp) {
        return (int) (satp >>> MODE_SHIFT);
    }

    public static int asid(long satp) {
        return (int) (satp >>> ASID_SHIFT) & ASID_MASK;
    }

    public static long ppn(long satp) {
        return satp & PPN_MASK;
    }

    /** Returns the physical address of the root page table. */
    public static long rootTable(long satp) {
        return ppn(satp) << Sv39.PAGE_SHIFT;
    }

    /** Returns an Sv39 satp value for address space {@code asid} rooted at the 4 KiB aligned {@code rootTable}. */
    public static long sv39(int asid, long rootTable) {
        if ((asid & ~ASID_MASK) != 0) {
            throw new IllegalArgumentException("Satp.sv39: ASID %d does not fit 16 bits".formatted(asid));
        }
        if ((rootTable & ((1L << Sv39.PAGE_SHIFT) - 1)) != 0 || (rootTable >>> Sv39.PAGE_SHIFT) > PPN_MASK) {
            throw new IllegalArgumentException("Satp.sv39: root table 0x%x is not a 4 KiB aligned 56-bit address"
                    .formatted(rootTable));
        }
        return (long) MODE_SV39 << MODE_SHIFT | (long) asid << ASID_SHIFT | rootTable >>> Sv39.PAGE_SHIFT;
    }
}
