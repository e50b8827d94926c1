package org.hartlab.tools.gdb;

/**
 * How a debugging session ended the run: the guest exited (with its code), GDB detached (the machine runs on
 * without the debugger) or GDB killed it. A dropped connection is none of these: the machine stays halted and
 * the server waits for the next GDB.
 */
public record SessionOutcome(Kind kind, int exitCode) {
    public enum Kind { EXITED, DETACHED, KILLED }

    public static SessionOutcome exited(int code) {
        return new SessionOutcome(Kind.EXITED, code);
    }

    public static final SessionOutcome DETACHED = new SessionOutcome(Kind.DETACHED, 0);
    public static final SessionOutcome KILLED = new SessionOutcome(Kind.KILLED, 0);
}
