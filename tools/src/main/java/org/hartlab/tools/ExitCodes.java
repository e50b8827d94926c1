package org.hartlab.tools;

/** Process exit codes of the command line, besides a guest's own exit code. */
final class ExitCodes {
    private ExitCodes() {
    }

    /** A usage error or a file that cannot be loaded. */
    static final int USAGE = 2;
    /** The instruction limit was reached before the guest exited. */
    static final int INSTRUCTION_LIMIT = 3;
    /** Every hart waits for an interrupt that cannot arrive. */
    static final int DEADLOCK = 4;
    /** The program ran, but the kernel broke one of its own invariants ({@code --check-invariants}). */
    static final int INVARIANT = 5;
    /** Stopped by the user (Ctrl-C). */
    static final int STOPPED = 130;
    /** A bug in hartlab itself. */
    static final int INTERNAL = 70;
}
