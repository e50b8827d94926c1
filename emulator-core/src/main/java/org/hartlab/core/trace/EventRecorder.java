package org.hartlab.core.trace;

import java.util.ArrayList;
import java.util.List;

/** Keeps every event in order of arrival, up to a limit (a long run must not exhaust the heap). */
public final class EventRecorder implements EventSink {
    private final int limit;
    private final List<Event> events = new ArrayList<>();
    private long dropped;

    public EventRecorder(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void accept(Event event) {
        if (events.size() < limit) {
            events.add(event);
        } else {
            dropped++;
        }
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** Events that arrived after the limit was reached and were not kept. */
    public synchronized long dropped() {
        return dropped;
    }
}
