package org.hartlab.core.hart;

/**
 * What a debugger needs from a hart's execution: a chance to stop before each instruction (breakpoints,
 * single steps) and before each data access (watchpoints). Installed only while a debugger is attached, so a
 * hart without one pays a single null check per instruction.
 */
public interface DebugHooks {
    /** Returns true to stop {@code hart} before it executes the instruction at its pc. */
    boolean stopBeforeInstruction(Hart hart);

    /** Returns true to stop {@code hart} before it reads or writes {@code size} bytes at virtual address {@code va}. */
    boolean stopBeforeAccess(Hart hart, long va, int size, boolean store);
}
