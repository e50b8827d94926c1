package org.hartlab.kernel.vm;

/** Guest RAM is exhausted; system calls turn this into ENOMEM, faults into killing the process. */
public final class OutOfMemoryException extends RuntimeException {
    public OutOfMemoryException(String message) {
        super(message, null, false, false);
    }
}
