package org.hartlab.core.bus;

/** Told about every store that lands on a RAM page it has asked the bus to watch. */
@FunctionalInterface
public interface StoreWatcher {
    void stored(long pa, int bytes, int hartId);
}
