package org.hartlab.core.debug;

/**
 * Why the machine stopped, for the debugger's stop reply.
 *
 * @param kind     the reason
 * @param hart     the hart that stopped (the last one that ran, for reasons not tied to a hart)
 * @param address  the breakpoint's pc or the watched address that was accessed
 * @param exitCode the guest's exit code for {@link Kind#EXITED}
 * @param detail   what the user should be told about the stop ("" for nothing): the stale access
 */
public record StopEvent(Kind kind, int hart, long address, int exitCode, String detail) {
    public enum Kind {
        BREAKPOINT, WATCH_WRITE, WATCH_READ, WATCH_ACCESS, STEP, INTERRUPTED, EXITED, LIMIT, DEADLOCK,
        /** Before a load, store or atomic through a stale TLB entry ({@code monitor stale on}). */
        STALE_ACCESS
    }

    public StopEvent(Kind kind, int hart, long address, int exitCode) {
        this(kind, hart, address, exitCode, "");
    }
}
