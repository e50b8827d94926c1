package org.hartlab.core.debug;

/**
 * A machine as a debugger sees it, in all-stop mode: every hart stops when one stops. Register numbers follow
 * GDB's RISC-V numbering: 0–31 the x registers, 32 the pc, 33–64 the f registers, {@link #CSR_BASE} + n CSR n.
 * Memory goes through the chosen hart's page table (unless physical mode is on). Breakpoints and watchpoints
 * live in the emulator, never in guest memory.
 */
public interface DebugTarget {
    int PC = 32;
    int FPR_BASE = 33;
    int CSR_BASE = 65;

    int hartCount();

    long readRegister(int hart, int regno) throws DebugException;

    void writeRegister(int hart, int regno, long value) throws DebugException;

    byte[] readMemory(int hart, long address, int length) throws DebugException;

    void writeMemory(int hart, long address, byte[] data) throws DebugException;

    void setPhysicalMemory(boolean physical);

    boolean physicalMemory();

    void setBreakpoint(long address, boolean present);

    void setWatchpoint(WatchKind kind, long address, int length, boolean present);

    /** Every hart, as a mask for {@link #resume}. */
    long ALL_HARTS = -1L;

    /**
     * Runs the harts whose bits are set in {@code harts} (bit N: hart N), the others held where they are, until
     * something stops the machine; blocks the calling thread meanwhile.
     */
    StopEvent resume(long harts);

    /** Executes one instruction (or takes one trap) on {@code hart} alone. */
    StopEvent step(int hart);

    /** Makes a running {@link #resume} return promptly; callable from any thread. */
    void interrupt();

    /**
     * Withdraws an interrupt that no {@link #resume} took: one sent as a resume was already returning (the GDB
     * stub repeats its interrupt until the resume returns) must not stop the next resume at once.
     */
    void cancelInterrupt();

    /** A one-line description of a hart for thread lists: id, privilege, pc. */
    String describeHart(int hart);

    /** Runs a monitor command ({@code help} lists them) and returns its output. */
    String monitor(String command);

    /**
     * Whether a resume stops before the first load, store or atomic through a stale TLB entry (a catchpoint,
     * {@code monitor stale on}); false if this target cannot watch for them.
     */
    default boolean setStopOnStale(boolean on) {
        return false;
    }
}
