package org.hartlab.kernel.vm;

import java.util.Locale;

/**
 * The order in which a copy-on-write fault publishes the copy relative to the TLB shootdown of the old page.
 */
public enum CowStrategy {
    /** Copy, install the copy writable, flush locally, then shoot down: FreeBSD before r329254. The bug. */
    NAIVE,
    /**
     * FreeBSD r329254: install the copy read-only and busy, shoot down and wait, unbusy; the retried write faults
     * again and upgrades the mapping to writable. A fault that finds the page busy sleeps until it is not.
     */
    TWO_STAGE,
    /**
     * OpenBSD's variant of the two stages: only for a process with more than one thread. A single-threaded
     * process has no other thread that could see the old page through a stale entry, so it takes the naive
     * order and saves the second fault.
     */
    TWO_STAGE_THREADED,
    /** Break before make (Linux wp_page_copy, later FreeBSD pmap_enter): clear the PTE, shoot down, install. */
    BREAK_BEFORE_MAKE;

    public static CowStrategy parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "naive" -> NAIVE;
            case "two-stage" -> TWO_STAGE;
            case "two-stage-mt" -> TWO_STAGE_THREADED;
            case "bbm", "break-before-make" -> BREAK_BEFORE_MAKE;
            default -> throw new IllegalArgumentException("strategy must be naive, two-stage, two-stage-mt or bbm, got '" + text + "'");
        };
    }

    @Override
    public String toString() {
        return switch (this) {
            case NAIVE -> "naive";
            case TWO_STAGE -> "two-stage";
            case TWO_STAGE_THREADED -> "two-stage-mt";
            case BREAK_BEFORE_MAKE -> "bbm";
        };
    }
}
