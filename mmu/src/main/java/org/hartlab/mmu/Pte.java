package org.hartlab.mmu;

/**
 * Layout descriptor of an Sv39 page-table entry: bit positions, static accessors and builders. A PTE is a plain
 * {@code long}; this class never allocates.
 *
 * <pre>
 *  63  62  61 60        54 53      28 27      19 18      10 9   8 7 6 5 4 3 2 1 0
 * +---+------+------------+----------+----------+----------+-----+-+-+-+-+-+-+-+-+
 * | N | PBMT |  Reserved  |  PPN[2]  |  PPN[1]  |  PPN[0]  | RSW |D|A|G|U|X|W|R|V|
 * +---+------+------------+----------+----------+----------+-----+-+-+-+-+-+-+-+-+
 *   1     2        7           26          9          9       2   1 1 1 1 1 1 1 1
 * </pre>
 *
 * <p>V: valid. R/W/X: read, write, execute; all three clear means "pointer to the next level", W without R is
 * reserved. U: accessible to U-mode. G: global mapping (in every address space). A/D: accessed and dirty. RSW: free
 * for supervisor software. N (Svnapot) and PBMT (Svpbmt) belong to extensions hartlab does not implement, so both must
 * be zero, as must bits 60:54. In a pointer PTE, D, A and U are reserved as well.
 */
public final class Pte {

    public static final long V = 1L << 0;
    public static final long R = 1L << 1;
    public static final long W = 1L << 2;
    public static final long X = 1L << 3;
    public static final long U = 1L << 4;
    public static final long G = 1L << 5;
    public static final long A = 1L << 6;
    public static final long D = 1L << 7;

    /** The permission and status bits 7:0 that the TLB caches. */
    public static final long FLAGS_MASK = 0xFFL;
    public static final int RSW_SHIFT = 8;
    public static final long RSW_MASK = 0x3L << RSW_SHIFT;
    public static final int PPN_SHIFT = 10;
    public static final int PPN_BITS = 44;
    public static final long PPN_MASK = ((1L << PPN_BITS) - 1) << PPN_SHIFT;
    public static final int RESERVED_SHIFT = 54;
    public static final long RESERVED_MASK = 0x7FL << RESERVED_SHIFT;
    public static final int PBMT_SHIFT = 61;
    public static final long PBMT_MASK = 0x3L << PBMT_SHIFT;
    public static final long N = 1L << 63;

    /** Bits a leaf builder accepts besides V: permissions, U, G, A, D and the software bits. */
    private static final long LEAF_FLAGS = R | W | X | U | G | A | D | RSW_MASK;
    /** Bits a pointer builder accepts besides V: D, A and U are reserved in a pointer, R/W/X would make it a leaf. */
    private static final long POINTER_FLAGS = G | RSW_MASK;
    private static final long PAGE_OFFSET_MASK = (1L << Sv39.PAGE_SHIFT) - 1;

    private Pte() {}

    public static boolean valid(long pte) {
        return (pte & V) != 0;
    }

    public static boolean readable(long pte) {
        return (pte & R) != 0;
    }

    public static boolean writable(long pte) {
        return (pte & W) != 0;
    }

    public static boolean executable(long pte) {
        return (pte & X) != 0;
    }

    public static boolean user(long pte) {
        return (pte & U) != 0;
    }

    public static boolean global(long pte) {
        return (pte & G) != 0;
    }

    public static boolean accessed(long pte) {
        return (pte & A) != 0;
    }

    public static boolean dirty(long pte) {
        return (pte & D) != 0;
    }

    /** Returns whether a valid PTE is a leaf (R or X set) rather than a pointer to the next level (spec step 4). */
    public static boolean isLeaf(long pte) {
        return (pte & (R | X)) != 0;
    }

    /** Returns the two supervisor-software bits 9:8. */
    public static int rsw(long pte) {
        return (int) ((pte & RSW_MASK) >>> RSW_SHIFT);
    }

    /** Returns the 44-bit physical page number, bits 53:10. */
    public static long ppn(long pte) {
        return (pte & PPN_MASK) >>> PPN_SHIFT;
    }

    /** Returns PPN[level] (level 0..2), the 9, 9 or 26-bit slice the walker checks for superpage alignment. */
    public static long ppn(long pte, int level) {
        long ppn = ppn(pte) >>> (Sv39.LEVEL_BITS * level);
        return level == Sv39.LEVELS - 1 ? ppn : ppn & ((1L << Sv39.LEVEL_BITS) - 1);
    }

    /** Returns the physical address the PPN points at: a page, superpage or next-level table. */
    public static long physicalAddress(long pte) {
        return ppn(pte) << Sv39.PAGE_SHIFT;
    }

    /** Returns reserved bits 60:54 as a 7-bit value; nonzero makes the PTE invalid. */
    public static int reserved(long pte) {
        return (int) ((pte & RESERVED_MASK) >>> RESERVED_SHIFT);
    }

    /** Returns the Svpbmt memory type, bits 62:61; nonzero makes the PTE invalid here (no Svpbmt). */
    public static int pbmt(long pte) {
        return (int) ((pte & PBMT_MASK) >>> PBMT_SHIFT);
    }

    /** Returns the Svnapot bit 63; set makes the PTE invalid here (no Svnapot). */
    public static boolean napot(long pte) {
        return (pte & N) != 0;
    }

    /**
     * Returns a valid leaf PTE mapping the page at {@code physicalAddress} with {@code flags}, an OR of
     * {@link #R}, {@link #W}, {@link #X}, {@link #U}, {@link #G}, {@link #A}, {@link #D} and RSW bits. Throws if the
     * address is not a 4 KiB aligned 56-bit address, if no R or X is given, if W comes without R, or if other bits are.
     * Superpage alignment is deliberately not checked: tests and fault-injection tools build misaligned ones.
     */
    public static long leaf(long physicalAddress, long flags) {
        checkPageAddress("Pte.leaf", physicalAddress);
        if ((flags & ~LEAF_FLAGS) != 0) {
            throw new IllegalArgumentException("Pte.leaf: flags 0x%x include bits other than RWXUGAD and RSW"
                    .formatted(flags));
        }
        if ((flags & (R | X)) == 0) {
            throw new IllegalArgumentException("Pte.leaf: a leaf needs R or X; without both it is a pointer");
        }
        if ((flags & (R | W)) == W) {
            throw new IllegalArgumentException("Pte.leaf: W without R is a reserved encoding");
        }
        return (physicalAddress >>> Sv39.PAGE_SHIFT) << PPN_SHIFT | flags | V;
    }

    /** Returns a valid pointer PTE to the next-level table at {@code tableAddress} (4 KiB aligned). */
    public static long pointer(long tableAddress) {
        return pointer(tableAddress, 0);
    }

    /**
     * Returns a valid pointer PTE to the table at {@code tableAddress} with {@code flags}, which may hold only
     * {@link #G} (every mapping below becomes global) and RSW bits.
     */
    public static long pointer(long tableAddress, long flags) {
        checkPageAddress("Pte.pointer", tableAddress);
        if ((flags & ~POINTER_FLAGS) != 0) {
            throw new IllegalArgumentException("Pte.pointer: flags 0x%x include bits other than G and RSW"
                    .formatted(flags));
        }
        return (tableAddress >>> Sv39.PAGE_SHIFT) << PPN_SHIFT | flags | V;
    }

    /** Returns {@code pte} with its PPN replaced by that of {@code physicalAddress} (4 KiB aligned). */
    public static long withPhysicalAddress(long pte, long physicalAddress) {
        checkPageAddress("Pte.withPhysicalAddress", physicalAddress);
        return (pte & ~PPN_MASK) | (physicalAddress >>> Sv39.PAGE_SHIFT) << PPN_SHIFT;
    }

    /**
     * Returns a one-line decoding for tools and traces, e.g. {@code "ppn=0x80200 DA--XWRV"}: flag letters from D down
     * to V, '-' where clear, then any RSW, reserved, PBMT and N fields that are nonzero.
     */
    public static String describe(long pte) {
        StringBuilder text = new StringBuilder("ppn=0x").append(Long.toHexString(ppn(pte)))
                .append(' ').append(describeFlags(pte));
        if (rsw(pte) != 0) {
            text.append(" rsw=").append(rsw(pte));
        }
        if (reserved(pte) != 0) {
            text.append(" reserved=0x").append(Integer.toHexString(reserved(pte)));
        }
        if (pbmt(pte) != 0) {
            text.append(" pbmt=").append(pbmt(pte));
        }
        if (napot(pte)) {
            text.append(" N");
        }
        return text.toString();
    }

    /** Returns bits 7:0 as letters from D down to V, '-' where clear: {@code "-A--X-RV"} for an accessed, clean RX leaf. */
    public static String describeFlags(long pte) {
        String letters = "DAGUXWRV";
        StringBuilder flags = new StringBuilder(letters.length());
        for (int bit = letters.length() - 1; bit >= 0; bit--) {
            flags.append((pte & (1L << bit)) != 0 ? letters.charAt(letters.length() - 1 - bit) : '-');
        }
        return flags.toString();
    }

    private static void checkPageAddress(String operation, long address) {
        if ((address & PAGE_OFFSET_MASK) != 0 || address >>> Sv39.PHYSICAL_ADDRESS_BITS != 0) {
            throw new IllegalArgumentException("%s: physical address 0x%x is not a 4 KiB aligned 56-bit address"
                    .formatted(operation, address));
        }
    }
}
