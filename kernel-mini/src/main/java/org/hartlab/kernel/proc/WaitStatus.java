package org.hartlab.kernel.proc;

/** Linux wait statuses as the kernel reports them: {@code code << 8} for an exit, the signal number for a kill. */
public final class WaitStatus {
    private WaitStatus() {
    }

    /** The status as a shell shows it: the exit code, or 128 + the signal that killed the process. */
    public static int shellExitCode(int status) {
        return (status & 0x7F) != 0 ? 128 + (status & 0x7F) : (status >>> 8) & 0xFF;
    }
}
