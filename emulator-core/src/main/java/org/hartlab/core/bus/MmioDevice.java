package org.hartlab.core.bus;

/** A memory-mapped device occupying {@code [base, base+size)} of the physical address space. */
public interface MmioDevice {
    String name();

    long base();

    long size();

    /**
     * Reads {@code bytes} (1, 2, 4 or 8) at {@code offset} from the device's base on behalf of {@code hartId};
     * throws {@link BusFault} for an access the device does not support.
     */
    long load(long offset, int bytes, int hartId);

    /** Writes the low {@code bytes} of {@code value}; throws {@link BusFault} for an unsupported access. */
    void store(long offset, int bytes, long value, int hartId);
}
