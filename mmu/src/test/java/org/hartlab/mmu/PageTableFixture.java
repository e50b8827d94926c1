package org.hartlab.mmu;

import static org.hartlab.mmu.Pte.A;
import static org.hartlab.mmu.Pte.D;

/**
 * Builds Sv39 page tables in a {@link TestRam}: a root table plus next-level tables allocated on demand from a bump
 * pointer. Mapped physical pages need not be RAM: the MMU never touches data, only PTEs.
 */
final class PageTableFixture {

    static final int RAM_SIZE = 1 << 20;
    /** Default leaf flags with A and D preset, so that Svade does not fault unless a test wants it to. */
    static final long AD = A | D;

    final TestRam ram;
    final long root;
    private long nextTable;

    PageTableFixture() {
        this(new TestRam(RAM_SIZE));
    }

    PageTableFixture(TestRam ram) {
        this.ram = ram;
        this.nextTable = TestRam.BASE;
        this.root = newTable();
    }

    /** Returns the address of a fresh zeroed 4 KiB table. */
    long newTable() {
        long table = nextTable;
        nextTable += 4096;
        return table;
    }

    static long leafPte(long pa, long flags) {
        return Pte.leaf(pa, flags);
    }

    static long pointerPte(long table) {
        return Pte.pointer(table);
    }

    long satp(int asid) {
        return Satp.sv39(asid, root);
    }

    void map4k(long va, long pa, long flags) {
        writePte(va, 0, leafPte(pa, flags));
    }

    void map2m(long va, long pa, long flags) {
        writePte(va, 1, leafPte(pa, flags));
    }

    void map1g(long va, long pa, long flags) {
        writePte(va, 2, leafPte(pa, flags));
    }

    /** Writes {@code pte} as the level-{@code level} PTE for {@code va}, creating pointer tables above it as needed. */
    void writePte(long va, int level, long pte) {
        ram.store64(pteAddress(va, level), pte);
    }

    long readPte(long va, int level) {
        return ram.peek64(pteAddress(va, level));
    }

    /** Returns where the level-{@code level} PTE for {@code va} lives, creating pointer tables above it as needed. */
    long pteAddress(long va, int level) {
        long table = root;
        for (int i = 2; i > level; i--) {
            long address = table + Sv39.vpn(va, i) * 8L;
            long pte = ram.peek64(address);
            if (!Pte.valid(pte)) {
                pte = pointerPte(newTable());
                ram.store64(address, pte);
            }
            table = Pte.physicalAddress(pte);
        }
        return table + Sv39.vpn(va, level) * 8L;
    }
}
