package org.hartlab.core.hart;

/**
 * A block's leading instructions translated to JVM bytecode by {@link BlockCompiler}. Running it has exactly the
 * effect of interpreting those instructions one by one. An abstract class, not an interface: the interpreter's
 * call site sees hundreds of these classes, and a megamorphic virtual call is a vtable load where an interface
 * call would search the itable.
 */
abstract class CompiledBlock {
    /**
     * Executes the translated instructions from the hart's pc and returns how many completed, negated when a jump
     * or a taken branch left the block (so a side exit at the last translated instruction is not mistaken for
     * running off its end). Fewer than were translated complete when one ended the block early (a store to code,
     * a TLB fill, the slice's end); a trapping instruction throws {@link Trap} with the hart's pc at it.
     */
    abstract int run(Hart h);
}
