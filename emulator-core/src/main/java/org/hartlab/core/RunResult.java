package org.hartlab.core;

/**
 * How a run ended.
 *
 * @param outcome      why it stopped
 * @param exitCode     the guest's exit code when {@code outcome} is {@link Outcome#EXITED}
 * @param instructions steps executed by all harts together
 * @param stoppedPc    pc of the hart that ran last (for the instruction-limit message)
 * @param stoppedHart  id of that hart
 */
public record RunResult(Outcome outcome, int exitCode, long instructions, long stoppedPc, int stoppedHart) {
    public enum Outcome {
        /** The guest asked to exit through HTIF. */
        EXITED,
        /** The instruction limit was reached first. */
        INSTRUCTION_LIMIT,
        /** Every hart waits in WFI and no interrupt can ever arrive. */
        DEADLOCK,
        /** Stopped from outside (Ctrl-C). */
        STOPPED,
        /** A debugger's breakpoint, watchpoint or step stopped a hart. */
        BREAK
    }
}
