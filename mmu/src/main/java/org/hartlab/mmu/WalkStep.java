package org.hartlab.mmu;

/**
 * One level of a traced walk: where the walker looked and what it found.
 *
 * @param level      the walk level, 2 (root) down to 0
 * @param pteAddress the physical address of the PTE
 * @param pte        the raw PTE, or 0 when {@code inRam} is false
 * @param inRam      false when the PTE address is outside RAM and the walk stopped with an access fault
 */
public record WalkStep(int level, long pteAddress, long pte, boolean inRam) {

    /** Returns the decoded PTE (see {@link Pte#describe}), or a note that it could not be read. */
    public String decoded() {
        return inRam ? Pte.describe(pte) : "not in RAM";
    }

    @Override
    public String toString() {
        return inRam
                ? "level %d: PTE at 0x%x = 0x%016x [%s]".formatted(level, pteAddress, pte, decoded())
                : "level %d: PTE at 0x%x not in RAM".formatted(level, pteAddress);
    }
}
