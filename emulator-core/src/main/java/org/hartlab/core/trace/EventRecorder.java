package org.hartlab.core.trace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps events in order of arrival, at most a limit of them (a long run must not exhaust the heap): either the
 * first ones, dropping what comes later, or ({@link #keepingLast}) the latest ones, dropping the oldest, so that a
 * long session's trace ends where the interesting part usually is.
 */
public final class EventRecorder implements EventSink {
    private final int limit;
    private final boolean keepLast;
    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private long dropped;
    /** Per hart, the latest thread switch pushed out (keepingLast): what the hart runs where the window begins. */
    private final Map<Integer, Event> switchesBefore = new HashMap<>();

    /**
     * A snapshot of what a recorder kept.
     *
     * @param events         the events kept, oldest first
     * @param switchesBefore per hart, the last {@link Event.Kind#SWITCH} pushed out of the window, which says what
     *                       the hart runs from the window's start until its first switch inside it (empty unless
     *                       the oldest events were pushed out)
     */
    public record Window(List<Event> events, Map<Integer, Event> switchesBefore) {
    }

    /** Keeps the first {@code limit} events. */
    public EventRecorder(int limit) {
        this(limit, false);
    }

    private EventRecorder(int limit, boolean keepLast) {
        if (limit <= 0) {
            throw new IllegalArgumentException("an event limit must be positive, got " + limit);
        }
        this.limit = limit;
        this.keepLast = keepLast;
    }

    /** Keeps the last {@code limit} events: each event past the limit pushes out the oldest one. */
    public static EventRecorder keepingLast(int limit) {
        return new EventRecorder(limit, true);
    }

    @Override
    public synchronized void accept(Event event) {
        if (events.size() < limit) {
            events.add(event);
        } else if (keepLast) {
            Event out = events.poll();
            if (out.kind() == Event.Kind.SWITCH) {
                switchesBefore.put(out.hart(), out);
            }
            events.add(event);
            dropped++;
        } else {
            dropped++;
        }
    }

    /**
     * The events kept, oldest first. When the oldest were pushed out, the window may begin inside a span: the
     * ends of spans whose begins were pushed out are left out too, as a viewer shows an end without its begin
     * as a broken trace.
     */
    public synchronized List<Event> events() {
        return keepLast && dropped > 0 ? withoutOrphanEnds(events) : List.copyOf(events);
    }

    /** {@link #events} with the thread switches pushed out before them, taken together. */
    public synchronized Window window() {
        return new Window(events(), Map.copyOf(switchesBefore));
    }

    /** Whether the events dropped are the oldest ones ({@link #keepingLast}) rather than the latest. */
    public boolean keepsLast() {
        return keepLast;
    }

    /** Events not kept: those that arrived after the limit was reached, or for {@link #keepingLast} the oldest. */
    public synchronized long dropped() {
        return dropped;
    }

    /** {@code events} without each END that finds no open span on its hart (spans nest per hart). */
    private static List<Event> withoutOrphanEnds(Iterable<Event> events) {
        Map<Integer, Integer> open = new HashMap<>();
        List<Event> kept = new ArrayList<>();
        for (Event e : events) {
            if (e.phase() == Event.Phase.END) {
                int depth = open.getOrDefault(e.hart(), 0);
                if (depth == 0) {
                    continue;
                }
                open.put(e.hart(), depth - 1);
            } else if (e.phase() == Event.Phase.BEGIN) {
                open.merge(e.hart(), 1, Integer::sum);
            }
            kept.add(e);
        }
        return List.copyOf(kept);
    }
}
