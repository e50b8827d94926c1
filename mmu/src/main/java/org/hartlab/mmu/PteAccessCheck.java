package org.hartlab.mmu;

/**
 * The protection check of the walker's own memory accesses: each read of a PTE, and under Svadu each A/D update, is
 * an implicit access that must pass the hart's physical memory protection (spec step 2, and "PMP checks are also
 * applied to page-table accesses for virtual-address translation, for which the effective privilege mode is S").
 * The MMU knows no PMP; the core that owns the hart's PMP answers here. A denied access faults the walk with the
 * access fault of the original access type.
 */
@FunctionalInterface
public interface PteAccessCheck {
    /** No protection beyond the PMA check of {@link PhysicalMemory#isRam}: every PTE in RAM may be read and updated. */
    PteAccessCheck NONE = (pteAddress, write) -> true;

    /** Returns whether the walker may read ({@code write} false) or update the 8-byte PTE at {@code pteAddress}. */
    boolean permits(long pteAddress, boolean write);
}
