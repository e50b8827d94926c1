package org.hartlab.core.debug;

/** What a watchpoint watches, as GDB's Z2/Z3/Z4 packets name it. */
public enum WatchKind {
    WRITE, READ, ACCESS;

    boolean matches(boolean store) {
        return this == ACCESS || (this == WRITE) == store;
    }
}
