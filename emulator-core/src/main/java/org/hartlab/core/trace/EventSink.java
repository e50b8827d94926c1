package org.hartlab.core.trace;

/** Receives events; must be thread-safe (the parallel engine reports from every hart's thread). */
@FunctionalInterface
public interface EventSink {
    EventSink NONE = e -> { };

    void accept(Event event);
}
