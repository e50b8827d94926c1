package org.hartlab.mmu;

/**
 * A long[]-backed RAM for tests: {@code size} bytes at {@link #BASE}, everything else is not RAM. Not final, so a test
 * can override {@link #compareAndSet64} to stage a race with another hart.
 */
class TestRam implements PhysicalMemory {

    static final long BASE = 0x8000_0000L;

    private final long[] words;
    int loads;
    int compareAndSets;

    TestRam(int size) {
        this.words = new long[size / Long.BYTES];
    }

    @Override
    public boolean isRam(long pa, int size) {
        return pa >= BASE && pa - BASE + size <= (long) words.length * Long.BYTES;
    }

    @Override
    public long load64(long pa) {
        loads++;
        return words[index(pa)];
    }

    @Override
    public boolean compareAndSet64(long pa, long expected, long updated) {
        compareAndSets++;
        if (words[index(pa)] != expected) {
            return false;
        }
        words[index(pa)] = updated;
        return true;
    }

    void store64(long pa, long value) {
        words[index(pa)] = value;
    }

    /** Reads without counting, for assertions. */
    long peek64(long pa) {
        return words[index(pa)];
    }

    private int index(long pa) {
        if (!isRam(pa, Long.BYTES) || (pa & 7) != 0) {
            throw new IllegalArgumentException("TestRam: 0x%x is not an aligned RAM address".formatted(pa));
        }
        return (int) ((pa - BASE) >>> 3);
    }
}
