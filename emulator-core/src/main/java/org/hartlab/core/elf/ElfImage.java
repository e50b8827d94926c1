package org.hartlab.core.elf;

import java.util.List;
import java.util.OptionalLong;

/**
 * What a loader needs from an executable: its entry point, the bytes of each PT_LOAD segment with its
 * physical address and memory size (the rest is zero-filled bss), and the HTIF symbols if present.
 */
public record ElfImage(String name, long entry, List<Segment> segments, OptionalLong tohost, OptionalLong fromhost) {
    /** One PT_LOAD segment: {@code data} goes at {@code address}, followed by {@code memorySize - data.length} zeros. */
    public record Segment(long address, long virtualAddress, byte[] data, long memorySize, int flags) {
    }
}
