package org.hartlab.core.elf;

import java.util.List;
import java.util.OptionalLong;

/**
 * What a loader needs from an executable: its entry point, the bytes of each PT_LOAD segment with its
 * physical address and memory size (the rest is zero-filled bss), the HTIF symbols if present, and where the
 * program headers appear in memory (a Linux-style loader passes that as AT_PHDR).
 *
 * @param programHeaders where the program header table lies in the loaded image, or 0 if no segment maps it
 */
public record ElfImage(String name, long entry, List<Segment> segments, OptionalLong tohost, OptionalLong fromhost,
                       long programHeaders, int programHeaderCount, int programHeaderSize) {
    /** One PT_LOAD segment: {@code data} goes at {@code address}, followed by {@code memorySize - data.length} zeros. */
    public record Segment(long address, long virtualAddress, byte[] data, long memorySize, int flags) {
    }
}
