package org.hartlab.tools.trace;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import org.hartlab.core.aclint.Mtimer;
import org.hartlab.core.trace.Event;
import org.hartlab.core.trace.EventRecorder;

/**
 * Writes events as Chrome trace-event JSON, which ui.perfetto.dev and chrome://tracing open: one process
 * ("hartlab seed N"), one thread track per hart, spans (faults, shootdowns, busy sleeps) as B/E pairs and
 * everything else as instant events, with arrows ({@link TraceFlows}) from IPI sends to their takes and from
 * shootdowns to their acknowledgements; each event's args name the process and thread its hart ran. Timestamps are guest time converted at the nominal mtime rate, so a
 * replayed seed gives the same file.
 */
public final class ChromeTraceWriter {
    private static final double MICROS_PER_TICK = 1e6 / Mtimer.TICKS_PER_SECOND;

    private ChromeTraceWriter() {
    }

    public static void write(OutputStream out, EventRecorder.Window window, int harts, String title)
            throws IOException {
        List<Event> events = window.events();
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeArrayFieldStart("traceEvents");
            metadata(json, "process_name", 0, title);
            for (int h = 0; h < harts; h++) {
                metadata(json, "thread_name", h, "hart " + h);
            }
            List<List<TraceFlows.Flow>> flowsAt = flowsByEvent(events);
            String[] running = new String[harts]; // the "pid N tid M" each hart runs, from its last SWITCH
            window.switchesBefore().forEach((hart, e) -> {
                if (hart < harts) {
                    running[hart] = e.detail();
                }
            });
            for (int i = 0; i < events.size(); i++) {
                Event e = events.get(i);
                if (e.kind() == Event.Kind.SWITCH && e.hart() < harts) {
                    running[e.hart()] = e.detail();
                }
                json.writeStartObject();
                json.writeStringField("name", name(e));
                json.writeStringField("cat", e.kind().name().toLowerCase(Locale.ROOT));
                json.writeStringField("ph", switch (e.phase()) {
                    case BEGIN -> "B";
                    case END -> "E";
                    case INSTANT -> "i";
                });
                if (e.phase() == Event.Phase.INSTANT) {
                    json.writeStringField("s", "t");
                }
                json.writeNumberField("ts", e.time() * MICROS_PER_TICK);
                json.writeNumberField("pid", 1);
                json.writeNumberField("tid", e.hart());
                json.writeObjectFieldStart("args");
                TraceArgs.write(json, e, e.hart() < harts ? running[e.hart()] : null);
                json.writeEndObject();
                json.writeEndObject();
                for (TraceFlows.Flow f : flowsAt.get(i)) {
                    flow(json, f, events, i);
                }
            }
            json.writeEndArray();
            json.writeStringField("displayTimeUnit", "ns");
            json.writeEndObject();
        }
    }

    /** For each event, the arrows that start or end at it. */
    private static List<List<TraceFlows.Flow>> flowsByEvent(List<Event> events) {
        List<List<TraceFlows.Flow>> at = new java.util.ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            at.add(new java.util.ArrayList<>(0));
        }
        for (TraceFlows.Flow f : TraceFlows.of(events)) {
            at.get(f.from()).add(f);
            at.get(f.to()).add(f);
        }
        return at;
    }

    /**
     * One end of an arrow (Chrome's flow events: "s" at the source, "f" bound to the enclosing slice at the
     * destination), its id that of the source event: unique per arrow name.
     */
    private static void flow(JsonGenerator json, TraceFlows.Flow f, List<Event> events, int at) throws IOException {
        Event e = events.get(at);
        boolean start = f.from() == at;
        json.writeStartObject();
        json.writeStringField("name", f.name());
        json.writeStringField("cat", "flow");
        json.writeStringField("ph", start ? "s" : "f");
        if (!start) {
            json.writeStringField("bp", "e");
        }
        json.writeStringField("id", f.name() + " " + f.from() + (f.name().equals("ipi") ? "" : ">" + f.to()));
        json.writeNumberField("ts", e.time() * MICROS_PER_TICK);
        json.writeNumberField("pid", 1);
        json.writeNumberField("tid", e.hart());
        json.writeEndObject();
    }

    private static String name(Event e) {
        return switch (e.kind()) {
            case FAULT -> "page fault";
            case COW_COPY -> "COW copy";
            case PTE_STORE -> "PTE store";
            case SHOOTDOWN -> "TLB shootdown";
            case IPI_SEND -> "IPI send";
            case IPI_TAKE -> "IPI taken";
            case SFENCE -> "sfence.vma";
            case ACK -> "shootdown ack";
            case BUSY_SLEEP -> "busy-page sleep";
            case MARK -> "VIOLATION";
            case STALE_ACCESS -> "STALE access";
            case SWITCH -> "runs thread";
        };
    }

    private static void metadata(JsonGenerator json, String kind, int tid, String name) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", kind);
        json.writeStringField("ph", "M");
        json.writeNumberField("pid", 1);
        json.writeNumberField("tid", tid);
        json.writeObjectFieldStart("args");
        json.writeStringField("name", name);
        json.writeEndObject();
        json.writeEndObject();
    }
}
