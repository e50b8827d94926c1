package org.hartlab.core.bus;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Guest RAM, allocated lazily in 1 MiB chunks so that a large configured size costs nothing until the guest
 * touches it. Untouched memory reads as zero without being allocated.
 *
 * <p>Plain accesses may be misaligned (RISC-V lets an implementation handle them in hardware); the atomic
 * operations used by AMOs and the page walker's A/D updates require natural alignment, which their callers
 * check before calling. Each chunk is a memory segment over a {@code long[]}: 8-byte alignment is what makes
 * atomic access legal (a {@code byte[]} view allows none), while byte and halfword stores stay real narrow
 * stores, so two harts writing neighbouring bytes never lose one another's write.
 *
 * <p>Its stores are raw: they tell no decoded-code cache, device or reservation. Harts store through their load-store
 * unit and host code through {@link Bus#write} and its siblings, which do.
 */
public final class Ram {
    public static final long BASE = 0x8000_0000L;
    static final int CHUNK_SHIFT = 20;
    private static final int CHUNK_SIZE = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK_SIZE - 1;

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_ATOMIC =
            ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
    private static final VarHandle INT_ATOMIC =
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
    private static final VarHandle CHUNKS = MethodHandles.arrayElementVarHandle(MemorySegment[].class);

    private final long size;
    private final MemorySegment[] chunks;

    /** Creates RAM of {@code size} bytes at {@link #BASE}; size must be a positive multiple of 1 MiB. */
    public Ram(long size) {
        if (size <= 0 || (size & CHUNK_MASK) != 0 || size > (1L << 40)) {
            throw new IllegalArgumentException("ram: size must be a positive multiple of 1 MiB, got " + size);
        }
        this.size = size;
        this.chunks = new MemorySegment[(int) (size >>> CHUNK_SHIFT)];
    }

    public long size() {
        return size;
    }

    /** True when {@code [pa, pa+n)} lies entirely in RAM. */
    public boolean contains(long pa, int n) {
        long off = pa - BASE;
        return off >= 0 && off <= size - n;
    }

    /** Megabytes actually allocated so far (for statistics and the lazy-allocation test). */
    public long allocatedBytes() {
        long n = 0;
        for (MemorySegment c : chunks) {
            if (c != null) {
                n += CHUNK_SIZE;
            }
        }
        return n;
    }

    private MemorySegment chunkForRead(long off) {
        return chunks[(int) (off >>> CHUNK_SHIFT)];
    }

    private MemorySegment chunkForWrite(long off) {
        int i = (int) (off >>> CHUNK_SHIFT);
        MemorySegment c = chunks[i];
        if (c == null) {
            // Two harts may race to allocate the same chunk: the CAS keeps exactly one.
            MemorySegment fresh = MemorySegment.ofArray(new long[CHUNK_SIZE / 8]);
            c = CHUNKS.compareAndSet(chunks, i, (MemorySegment) null, fresh)
                    ? fresh : (MemorySegment) CHUNKS.getVolatile(chunks, i);
        }
        return c;
    }

    private static boolean fitsInChunk(long off, int n) {
        return (off & CHUNK_MASK) <= CHUNK_SIZE - n;
    }

    public long load64(long pa) {
        long off = pa - BASE;
        if (!fitsInChunk(off, 8)) {
            return loadBytes(off, 8);
        }
        MemorySegment c = chunkForRead(off);
        return c == null ? 0 : c.get(LONG, off & CHUNK_MASK);
    }

    public int load32(long pa) {
        long off = pa - BASE;
        if (!fitsInChunk(off, 4)) {
            return (int) loadBytes(off, 4);
        }
        MemorySegment c = chunkForRead(off);
        return c == null ? 0 : c.get(INT, off & CHUNK_MASK);
    }

    public short load16(long pa) {
        long off = pa - BASE;
        if (!fitsInChunk(off, 2)) {
            return (short) loadBytes(off, 2);
        }
        MemorySegment c = chunkForRead(off);
        return c == null ? 0 : c.get(SHORT, off & CHUNK_MASK);
    }

    public byte load8(long pa) {
        long off = pa - BASE;
        MemorySegment c = chunkForRead(off);
        return c == null ? 0 : c.get(ValueLayout.JAVA_BYTE, off & CHUNK_MASK);
    }

    public void store64(long pa, long v) {
        long off = pa - BASE;
        if (!fitsInChunk(off, 8)) {
            storeBytes(off, v, 8);
            return;
        }
        chunkForWrite(off).set(LONG, off & CHUNK_MASK, v);
    }

    public void store32(long pa, int v) {
        long off = pa - BASE;
        if (!fitsInChunk(off, 4)) {
            storeBytes(off, v, 4);
            return;
        }
        chunkForWrite(off).set(INT, off & CHUNK_MASK, v);
    }

    public void store16(long pa, short v) {
        long off = pa - BASE;
        if (!fitsInChunk(off, 2)) {
            storeBytes(off, v, 2);
            return;
        }
        chunkForWrite(off).set(SHORT, off & CHUNK_MASK, v);
    }

    public void store8(long pa, byte v) {
        long off = pa - BASE;
        chunkForWrite(off).set(ValueLayout.JAVA_BYTE, off & CHUNK_MASK, v);
    }

    /** Copies {@code data} into RAM at {@code pa}; the caller has checked the range. */
    public void write(long pa, byte[] data, int from, int length) {
        for (int i = 0, n; i < length; i += n) {
            long off = pa + i - BASE;
            n = (int) Math.min(length - i, CHUNK_SIZE - (off & CHUNK_MASK));
            MemorySegment.copy(data, from + i, chunkForWrite(off), ValueLayout.JAVA_BYTE, off & CHUNK_MASK, n);
        }
    }

    private long loadBytes(long off, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (load8(BASE + off + i) & 0xFF);
        }
        return v;
    }

    private void storeBytes(long off, long v, int n) {
        for (int i = 0; i < n; i++) {
            store8(BASE + off + i, (byte) (v >>> (8 * i)));
        }
    }

    // Direct page access, for a hart's micro-TLB: it keeps the chunk and offset of a page it uses often, so a hit
    // costs one memory access and no chunk lookup. A 4 KiB page never straddles a 1 MiB chunk.

    /** The chunk holding the page of {@code pa}; null if it is untouched and {@code write} is false. */
    public MemorySegment pageChunk(long pa, boolean write) {
        long off = pa - BASE;
        return write ? chunkForWrite(off) : chunkForRead(off);
    }

    /** Where the page of {@code pa} starts in its {@link #pageChunk}. */
    public static long pageOffset(long pa) {
        return (pa - BASE) & CHUNK_MASK & ~0xFFFL;
    }

    /** Loads {@code size} bytes at {@code offset} in {@code chunk}, sign-extended as load64 … load8 return them. */
    public static long get(MemorySegment chunk, long offset, int size) {
        return switch (size) {
            case 8 -> chunk.get(LONG, offset);
            case 4 -> chunk.get(INT, offset);
            case 2 -> chunk.get(SHORT, offset);
            default -> chunk.get(ValueLayout.JAVA_BYTE, offset);
        };
    }

    /** Stores the low {@code size} bytes of {@code v} at {@code offset} in {@code chunk}. */
    public static void set(MemorySegment chunk, long offset, long v, int size) {
        switch (size) {
            case 8 -> chunk.set(LONG, offset, v);
            case 4 -> chunk.set(INT, offset, (int) v);
            case 2 -> chunk.set(SHORT, offset, (short) v);
            default -> chunk.set(ValueLayout.JAVA_BYTE, offset, (byte) v);
        }
    }

    // Atomic operations: naturally aligned only, so they never straddle a chunk.

    public long getAndAdd64(long pa, long v) {
        long off = pa - BASE;
        return (long) LONG_ATOMIC.getAndAdd(chunkForWrite(off), off & CHUNK_MASK, v);
    }

    public int getAndAdd32(long pa, int v) {
        long off = pa - BASE;
        return (int) INT_ATOMIC.getAndAdd(chunkForWrite(off), off & CHUNK_MASK, v);
    }

    public long getAndSet64(long pa, long v) {
        long off = pa - BASE;
        return (long) LONG_ATOMIC.getAndSet(chunkForWrite(off), off & CHUNK_MASK, v);
    }

    public int getAndSet32(long pa, int v) {
        long off = pa - BASE;
        return (int) INT_ATOMIC.getAndSet(chunkForWrite(off), off & CHUNK_MASK, v);
    }

    public boolean compareAndSet64(long pa, long expected, long updated) {
        long off = pa - BASE;
        return LONG_ATOMIC.compareAndSet(chunkForWrite(off), off & CHUNK_MASK, expected, updated);
    }

    public boolean compareAndSet32(long pa, int expected, int updated) {
        long off = pa - BASE;
        return INT_ATOMIC.compareAndSet(chunkForWrite(off), off & CHUNK_MASK, expected, updated);
    }

    public long loadVolatile64(long pa) {
        long off = pa - BASE;
        MemorySegment c = chunkForRead(off);
        return c == null ? 0 : (long) LONG_ATOMIC.getVolatile(c, off & CHUNK_MASK);
    }

    public int loadVolatile32(long pa) {
        long off = pa - BASE;
        MemorySegment c = chunkForRead(off);
        return c == null ? 0 : (int) INT_ATOMIC.getVolatile(c, off & CHUNK_MASK);
    }
}
