package org.hartlab.core.bus;

/**
 * Raised by the bus for an access to an address with no RAM or device behind it (or an access a device
 * refuses). The hart turns it into an access-fault exception carrying the virtual address, so this carries
 * nothing and has no stack trace: it is control flow, not a diagnostic.
 */
public final class BusFault extends RuntimeException {
    public static final BusFault INSTANCE = new BusFault();

    private BusFault() {
        super("bus fault", null, false, false);
    }
}
