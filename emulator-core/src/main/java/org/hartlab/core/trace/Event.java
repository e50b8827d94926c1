package org.hartlab.core.trace;

/**
 * One thing that happened, for the trace and the counters: on which hart, at which guest time (mtime ticks),
 * what kind, and whether it begins or ends a span ({@link Phase#BEGIN}/{@link Phase#END}) or is an instant.
 *
 * @param time    guest time in mtime ticks (deterministic: derived from retired instructions)
 * @param hart    the hart it happened on
 * @param kind    what happened
 * @param phase   span begin, span end, or instant
 * @param address the virtual (or, for PTE stores, physical) address concerned, or -1
 * @param detail  a short human-readable description (cause, PTE value, target hart...)
 */
public record Event(long time, int hart, Kind kind, Phase phase, long address, String detail) {
    public enum Phase { BEGIN, END, INSTANT }

    public enum Kind {
        /** A page fault handled by the kernel (span). */
        FAULT,
        /** A copy-on-write copy made. */
        COW_COPY,
        /** A PTE written to guest RAM. */
        PTE_STORE,
        /** A TLB shootdown: from the request to the last acknowledgement (span). */
        SHOOTDOWN,
        /** An IPI posted to a hart (detail names the target). */
        IPI_SEND,
        /** An IPI became pending on this hart. */
        IPI_TAKE,
        /** An SFENCE.VMA executed on this hart. */
        SFENCE,
        /** This hart acknowledged a shootdown request. */
        ACK,
        /** A fault slept on a busy page (span). */
        BUSY_SLEEP,
        /** A guest program marked a moment (cow-race reports its violations this way). */
        MARK,
        /** A load or store went through a TLB entry the page table no longer agrees with (detail: old and new PA). */
        STALE_ACCESS,
        /** A hart began running a thread (detail: pid and tid), so the trace says which thread runs where. */
        SWITCH
    }
}
