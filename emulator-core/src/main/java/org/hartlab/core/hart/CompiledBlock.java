package org.hartlab.core.hart;

/**
 * A block's leading instructions translated to JVM bytecode by {@link BlockCompiler}. Running it has exactly the
 * effect of interpreting those instructions one by one.
 */
interface CompiledBlock {
    /**
     * Executes the translated instructions from the hart's pc and returns how many completed. Fewer than were
     * translated complete when one ended the block early (a store to code, a TLB fill, the slice's end); a
     * trapping instruction throws {@link Trap} with the hart's pc at that instruction.
     */
    int run(Hart h);
}
