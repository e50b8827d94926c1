package org.hartlab.core.hart;

/**
 * A {@link Region} translated to JVM bytecode by {@link BlockCompiler}. Running it has exactly the effect of
 * interpreting the same instructions one by one. An abstract class, not an interface: the interpreter's
 * call site sees hundreds of these classes, and a megamorphic virtual call is a vtable load where an interface
 * call would search the itable.
 */
abstract class CompiledBlock {
    /**
     * Executes translated instructions from the hart's pc, at the region's entry, until control leaves the region,
     * the next chunk of instructions would not fit in {@code budget}, or an access ends the block (a store to code, a
     * TLB fill, the slice's end); returns how many instructions completed, with the hart's pc at the next one. A
     * trapping instruction throws {@link Trap} with the hart's pc at it and the instructions completed before it
     * in {@code Hart.translatedDone}.
     */
    abstract int run(Hart h, int budget);
}
