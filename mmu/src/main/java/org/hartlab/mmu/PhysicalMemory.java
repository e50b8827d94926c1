package org.hartlab.mmu;

/**
 * Guest physical memory as the page walker sees it: the only window the MMU has onto page tables.
 *
 * <p>Implementations belong to the emulator core. The walker reads PTEs with {@link #load64} and, under Svadu, writes
 * A/D bits with {@link #compareAndSet64}; it never writes any other way.
 */
public interface PhysicalMemory {

    /**
     * Returns whether {@code size} bytes at {@code pa} are main memory that the walker may read and update. A PTE
     * address for which this is false makes the walk raise an access fault (the PMA check of spec step 2).
     */
    boolean isRam(long pa, int size);

    /** Returns the little-endian doubleword at {@code pa}; {@code pa} is 8-byte aligned and {@link #isRam} holds. */
    long load64(long pa);

    /**
     * Atomically replaces the doubleword at {@code pa} with {@code updated} if it still equals {@code expected}, and
     * returns whether it did. Another hart (or a DMA device) may have changed the PTE since the walker read it; a
     * false result makes the walker re-read the PTE, as Svadu requires.
     */
    boolean compareAndSet64(long pa, long expected, long updated);
}
