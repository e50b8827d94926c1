package org.hartlab.core.hart;

/**
 * A supervisor written in Java: the hosted kernel. When installed on a hart, every trap that the hart would
 * take into S-mode (an exception delegated by medeleg, an interrupt delegated by mideleg) is handed to
 * {@link #trap} instead of jumping to stvec. The hart is then in S-mode with sepc, scause, stval and sstatus
 * set exactly as for a real trap, and the supervisor acts as that hart: it reads and writes its registers and
 * guest RAM, runs {@code sfence.vma} on it alone, and finally resumes U-mode with {@link Hart#supervisorReturn}.
 */
@FunctionalInterface
public interface Supervisor {
    /** Handles one trap on {@code hart}'s own thread; must leave the hart where it should continue. */
    void trap(Hart hart, long scause, long stval);
}
