package org.hartlab.mmu;

import java.util.List;

/**
 * A page walk as {@link PageTableInspector#walk} saw it, one {@link WalkStep} per level read, ending in a physical
 * address or in the fault that stopped it. An inspection walk checks structure only (steps 2, 3, 4 and 6): it has no
 * access type, privilege or A/D policy, so it never reports a step 5 or step 7 fault and never writes memory.
 *
 * @param virtualAddress  the address walked
 * @param satp            the satp value the walk started from
 * @param steps           the PTEs read, root first; empty for Bare mode or a non-canonical address
 * @param physicalAddress the translation, or -1 when {@code fault} is set; equal to the address in Bare mode
 * @param pageSize        the size of the leaf found, or null in Bare mode or on a fault
 * @param fault           why the walk stopped, or null if it found a usable leaf
 */
public record WalkTrace(long virtualAddress, long satp, List<WalkStep> steps, long physicalAddress,
        PageSize pageSize, FaultReason fault) {

    public WalkTrace {
        steps = List.copyOf(steps);
    }

    public boolean isFault() {
        return fault != null;
    }

    /** Returns a multi-line rendering: the address, one line per step, then the outcome. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("walk of 0x%x with satp 0x%016x%n".formatted(virtualAddress, satp));
        for (WalkStep step : steps) {
            text.append("  ").append(step).append(System.lineSeparator());
        }
        if (fault != null) {
            text.append("  fault: ").append(fault.description());
        } else if (pageSize == null) {
            text.append("  Bare: PA 0x%x".formatted(physicalAddress));
        } else {
            text.append("  PA 0x%x (%s)".formatted(physicalAddress, pageSize));
        }
        return text.toString();
    }
}
