package org.hartlab.tools.shell;

import picocli.CommandLine.Option;

/**
 * {@code --stop-on-stale} and {@code --stop-on-violation}, shared by {@code run} and {@code continue}: the
 * machine halts at the next such moment, for {@code tlb}, {@code pt}, {@code harts} and {@code gdb} to look at.
 */
final class StopOptions {
    @Option(names = "--stop-on-stale", description = "Halt the machine before the next load, store or atomic that "
            + "goes through a stale TLB entry (the harts run instruction by instruction meanwhile).")
    boolean stale;

    @Option(names = "--stop-on-violation", description = "Halt the machine at the next hartlab_mark call, or before "
            + "an exit with a non-zero status, of any process.")
    boolean violation;

    boolean any() {
        return stale || violation;
    }

    /** Arms the stops asked for; call with the machine paused. */
    void arm(ShellSession session) {
        if (stale) {
            session.machine().watchStaleAccesses(true);
        }
        if (violation) {
            session.kernel().violationStop().arm();
        }
    }

    /** Withdraws the stops {@link #arm} set that did not happen; call with the machine paused. */
    void disarm(ShellSession session) {
        if (stale) {
            session.machine().unwatchStaleAccesses();
        }
        if (violation) {
            session.kernel().violationStop().disarm();
        }
    }

    /** What to tell the user when the machine halted: where, and what they can do there. */
    static String halted(String reason) {
        return "halted " + reason + "\nthe machine stands there (kernel work in flight included): look with harts, tlb"
                + " HART, pt, ps; attach with gdb; continue lets it run on";
    }
}
