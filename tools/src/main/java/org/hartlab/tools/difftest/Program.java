package org.hartlab.tools.difftest;

import java.util.List;

/**
 * A generated test program.
 *
 * @param seed      the seed it was generated from ({@code hartlab difftest --seed N --count 1} rebuilds it)
 * @param length    the requested body length in instructions
 * @param elf       the executable, loadable by hartlab and by {@code qemu-system-riscv64 -machine spike}
 * @param initial   the value the prologue gives each register (index 0 unused)
 * @param listing   every instruction as "address: encoding  text", the text in GNU as syntax
 * @param bodyFirst index in {@code listing} of the first body instruction
 * @param bodyEnd   index in {@code listing} just after the last body instruction
 * @param tracePointer the register that points into the trace area throughout the body (never written)
 * @param traceLines   for each trace slot, the index in {@code listing} of the last store into it, or -1
 */
public record Program(long seed, int length, byte[] elf, long[] initial, List<String> listing, int bodyFirst,
                      int bodyEnd, int tracePointer, int[] traceLines) {
    /** The generated instructions alone, without prologue and epilogue. */
    public List<String> body() {
        return listing.subList(bodyFirst, bodyEnd);
    }
}
