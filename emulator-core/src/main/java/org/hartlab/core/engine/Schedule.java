package org.hartlab.core.engine;

/**
 * The deterministic engine's choices: which hart runs next, and for how many instructions at most. The engine
 * asks at every scheduling point — the end of a slice, a kernel yield point — and does what it is told, so a
 * schedule built from the same seed makes the same choices, and the run replays.
 *
 * <p>Not thread-safe, and need not be: the engine calls it only from the thread holding the baton.
 */
public interface Schedule {
    /** The hart that runs first. Called at the start of every run of the engine. */
    int first();

    /** The most instructions {@code hart} may run in the slice it starts now (device deadlines may cut it). */
    int sliceBudget(int hart);

    /**
     * {@code hart}'s slice ended after {@code steps} instructions (0: it sleeps in WFI with nothing pending);
     * returns the hart to run next, possibly {@code hart} itself.
     */
    int afterSlice(int hart, int steps);

    /**
     * {@code hart} is at a kernel yield point. Every one the kernel has is a wait — for a spin lock, for shootdown
     * acknowledgements, for a busy page — so {@code hart} cannot progress until another hart has. Returns the
     * hart to run next, possibly {@code hart} itself (it then polls again).
     */
    int atYieldPoint(int hart);
}
