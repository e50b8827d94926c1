package org.hartlab.core.hart;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Translations shared by every machine in the process, keyed by exactly what they translate: each member's page
 * offset and translated instructions. A translation holds no reference to a machine, so a second machine running
 * the same code (the next run of a benchmark, the next test, another kernel booted from the shell) reuses the class
 * HotSpot has already compiled instead of generating and warming up a new one.
 */
final class TranslationCache {
    /**
     * More regions than the kernel and a workload keep hot (intmix makes about 80); the least recently used
     * beyond it are forgotten, and their classes unloaded once no block holds them.
     */
    private static final int CAPACITY = 4_096;

    private static final Map<Key, CompiledBlock> CACHE = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CompiledBlock> eldest) {
            return size() > CAPACITY;
        }
    };

    private TranslationCache() {
    }

    /** The translation of {@code region}, compiled now unless some machine already has it. */
    static CompiledBlock translate(Region region) {
        Key key = Key.of(region);
        synchronized (CACHE) {
            CompiledBlock code = CACHE.get(key);
            if (code != null) {
                return code;
            }
        }
        CompiledBlock code = BlockCompiler.compile(region); // outside the lock: compiling takes a while
        synchronized (CACHE) {
            CompiledBlock raced = CACHE.putIfAbsent(key, code);
            return raced != null ? raced : code;
        }
    }

    /** A region as numbers: per member its offset and length, then per instruction its fields. */
    private record Key(long[] words) {
        static Key of(Region region) {
            int n = 0;
            for (Region.Member m : region.members()) {
                n += 1 + 2 * m.length();
            }
            long[] words = new long[n];
            int w = 0;
            for (Region.Member m : region.members()) {
                words[w++] = ((long) m.offset() << 32) | m.length();
                for (int k = 0; k < m.length(); k++) {
                    Insn i = m.insns()[k];
                    words[w++] = i.op() | ((long) i.rd() << 16) | ((long) i.rs1() << 24) | ((long) i.rs2() << 32)
                            | ((long) i.length() << 40);
                    words[w++] = i.imm();
                }
            }
            return new Key(words);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Arrays.equals(words, other.words);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(words);
        }
    }
}
