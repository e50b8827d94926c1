package org.hartlab.kernel.exec;

/** A program that cannot be started: unreadable, not a static RV64 executable, or not fitting in memory. */
public final class ExecException extends Exception {
    public ExecException(String message) {
        super(message);
    }
}
