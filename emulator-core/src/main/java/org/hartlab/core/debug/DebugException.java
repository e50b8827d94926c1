package org.hartlab.core.debug;

/** A debugger request the target refuses: unknown register, unmapped or device memory, bad argument. */
public final class DebugException extends Exception {
    public DebugException(String message) {
        super(message);
    }
}
