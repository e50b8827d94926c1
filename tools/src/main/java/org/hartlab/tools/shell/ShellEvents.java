package org.hartlab.tools.shell;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.hartlab.core.trace.Event;
import org.hartlab.core.trace.EventSink;

/**
 * The event sink of the shell's machine: counts what {@code stats} shows and the kernel's counters lack (faults by
 * cause and by outcome, shootdowns, acknowledgements) and passes every event on to the sinks other commands add
 * (a trace recorder, for instance), so that they never have to displace the counters.
 */
final class ShellEvents implements EventSink {
    private final Map<String, LongAdder> faultCauses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> faultOutcomes = new ConcurrentHashMap<>();
    private final LongAdder shootdowns = new LongAdder();
    private final LongAdder acknowledgements = new LongAdder();
    private final CopyOnWriteArrayList<EventSink> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void accept(Event event) {
        switch (event.kind()) {
            case FAULT -> (event.phase() == Event.Phase.BEGIN ? faultCauses : faultOutcomes)
                    .computeIfAbsent(event.detail(), k -> new LongAdder()).increment();
            case SHOOTDOWN -> {
                if (event.phase() == Event.Phase.BEGIN) {
                    shootdowns.increment();
                }
            }
            case ACK -> acknowledgements.increment();
            default -> {
            }
        }
        for (EventSink sink : listeners) {
            sink.accept(event);
        }
    }

    /** Sends every later event of this boot to {@code sink} as well (it must be thread-safe). */
    void addListener(EventSink sink) {
        listeners.add(sink);
    }

    void removeListener(EventSink sink) {
        listeners.remove(sink);
    }

    /** Faults the kernel handled, by cause ("load page fault", ...), in name order. */
    Map<String, Long> faultsByCause() {
        return snapshot(faultCauses);
    }

    /** Faults by how they ended ("resolved", "spurious", "segv", "no_memory"), in name order. */
    Map<String, Long> faultsByOutcome() {
        return snapshot(faultOutcomes);
    }

    long shootdowns() {
        return shootdowns.sum();
    }

    long acknowledgements() {
        return acknowledgements.sum();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
