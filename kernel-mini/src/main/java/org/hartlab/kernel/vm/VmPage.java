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
    /** Set while a COW copy is being published; faults on the page sleep until it clears. */
    private volatile boolean busy;

    VmPage(long physicalAddress) {
        this.physicalAddress = physicalAddress;
    }

    public long physicalAddress() {
        return physicalAddress;
    }

    int references() {
        return references;
    }

    boolean busy() {
        return busy;
    }

    void setBusy(boolean b) {
        busy = b;
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
