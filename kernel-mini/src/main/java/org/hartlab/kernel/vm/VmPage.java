package org.hartlab.kernel.vm;

/**
 * One 4 KiB physical page frame of guest RAM, as the VM system tracks it.
 *
 * <p>The reference count counts the VM objects that hold the page; it drops to zero when the last holder
 * lets go, and only then (after any TLB shootdown that could still reach it) does the page go back to the
 * free list.
 */
public final class VmPage {
    private final long physicalAddress;
    // guarded by PhysicalPages' lock
    private int references;

    VmPage(long physicalAddress) {
        this.physicalAddress = physicalAddress;
    }

    public long physicalAddress() {
        return physicalAddress;
    }

    int references() {
        return references;
    }

    void reference() {
        references++;
    }

    int release() {
        return --references;
    }

    @Override
    public String toString() {
        return "page@0x" + Long.toHexString(physicalAddress);
    }
}
