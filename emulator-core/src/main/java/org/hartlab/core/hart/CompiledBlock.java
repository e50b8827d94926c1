package org.hartlab.core.hart;

/**
 * A {@link Region} translated to JVM bytecode by {@link BlockCompiler}. Running it has exactly the effect of
 * interpreting the same instructions one by one. An abstract class, not an interface: the interpreter's
 * call site sees hundreds of these classes, and a megamorphic virtual call is a vtable load where an interface
 * call would search the itable.
 */
abstract class CompiledBlock {
    /**
     * Executes translated instructions from the hart's pc, at member {@code entry} of the region, until control leaves
     * the region, the next chunk of instructions would not fit in {@code budget}, or an access ends the block (a store
     * to code, a TLB fill, the slice's end); returns how many instructions completed, with the hart's pc at the next
     * one. A trapping instruction throws {@link Trap} with the hart's pc at it and the instructions completed before it
     * in {@code Hart.translatedDone}.
     */
    abstract int run(Hart h, int budget, int entry);

    /**
     * The page offset of each member of the region, in member order: {@link #run} may be entered at any of them
     * ({@code entry} is the member's index), so a block that grows hot inside a translated region runs that
     * region's code instead of having a region, a class and a JIT compilation of its own. Set once by {@link
     * BlockCompiler#compile} before the code is published.
     */
    private int[] entries = {0};

    void setEntries(int[] offsets) {
        this.entries = offsets.clone();
    }

    /** The index of the member starting {@code offset} bytes into the page, or -1 if none does. */
    int entryAt(int offset) {
        for (int k = 0; k < entries.length; k++) {
            if (entries[k] == offset) {
                return k;
            }
        }
        return -1;
    }
}
