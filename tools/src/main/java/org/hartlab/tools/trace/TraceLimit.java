package org.hartlab.tools.trace;

import org.hartlab.core.trace.EventRecorder;

/**
 * How many events a trace keeps: by default the first {@link #MAX} (a trace beyond that is too big for the
 * viewer anyway), or with {@code --trace-limit N} the last N, so a long run or shell session keeps its end, where
 * the violation or the moment worth looking at usually is, in a file of a size chosen up front.
 */
public final class TraceLimit {
    public static final int MAX = 2_000_000;
    public static final TraceLimit FIRST = new TraceLimit(0);

    /** How many of the latest events to keep, or 0 for the first {@link #MAX}. */
    private final int last;

    private TraceLimit(int last) {
        this.last = last;
    }

    /** From {@code option N}, null when it was not given; IllegalArgumentException outside 1..MAX. */
    public static TraceLimit of(Integer last, String option) {
        if (last == null) {
            return FIRST;
        }
        if (last < 1 || last > MAX) {
            throw new IllegalArgumentException(option + " must be 1.." + MAX + ", got " + last);
        }
        return new TraceLimit(last);
    }

    /** A recorder keeping what this limit says. */
    public EventRecorder recorder() {
        return last == 0 ? new EventRecorder(MAX) : EventRecorder.keepingLast(last);
    }

    /**
     * What {@code recorder} did not keep, for the line reporting a saved trace ("" when it kept everything), naming
     * {@code option}, the way this command sets the limit.
     */
    public static String dropped(EventRecorder recorder, String option) {
        long n = recorder.dropped();
        if (n == 0) {
            return "";
        }
        return recorder.keepsLast() ? n + " earlier events dropped, as " + option + " asked"
                : n + " later events dropped (" + option + " N keeps the last N instead)";
    }
}
