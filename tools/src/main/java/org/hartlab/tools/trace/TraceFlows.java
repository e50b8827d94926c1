package org.hartlab.tools.trace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hartlab.core.trace.Event;

/**
 * The arrows of a trace: from each IPI send to the take it caused on the target hart, from that take to the
 * target's acknowledgement, and from each shootdown's begin to every acknowledgement of it. The events do not
 * carry ids, so they are matched as the protocol orders them: a take answers the oldest unanswered send to its
 * hart (sends to a hart whose IPI is already pending coalesce, as SSIP does, and get no take), an
 * acknowledgement answers the shootdown of the same page and ASID begun on another hart and not yet ended, and
 * follows the latest take on its own hart.
 */
final class TraceFlows {
    private static final Pattern TO_HART = Pattern.compile("to hart (\\d+)");
    private static final Pattern ASID = Pattern.compile("asid (\\d+)");

    /** An arrow from event {@code from} to event {@code to} (indexes into the event list). */
    record Flow(String name, int from, int to) {
    }

    private TraceFlows() {
    }

    static List<Flow> of(List<Event> events) {
        List<Flow> flows = new ArrayList<>();
        Map<Integer, Deque<Integer>> unansweredSends = new HashMap<>();
        Map<Integer, Integer> lastTake = new HashMap<>();
        Map<String, Integer> openShootdowns = new HashMap<>(); // "va asid" -> index of its begin
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            switch (e.kind()) {
                case IPI_SEND -> {
                    Matcher m = TO_HART.matcher(e.detail());
                    if (m.find()) {
                        unansweredSends.computeIfAbsent(Integer.parseInt(m.group(1)), h -> new ArrayDeque<>()).add(i);
                    }
                }
                case IPI_TAKE -> {
                    Deque<Integer> sends = unansweredSends.get(e.hart());
                    if (sends != null && !sends.isEmpty()) {
                        flows.add(new Flow("ipi", sends.poll(), i));
                        sends.clear(); // sends made before this take coalesced into it
                        lastTake.put(e.hart(), i);
                    }
                }
                case SHOOTDOWN -> {
                    String key = e.address() + " " + asid(e.detail());
                    if (e.phase() == Event.Phase.BEGIN) {
                        openShootdowns.put(key, i);
                    } else if (e.phase() == Event.Phase.END) {
                        openShootdowns.remove(key);
                    }
                }
                case ACK -> {
                    Integer begin = openShootdowns.get(e.address() + " " + asid(e.detail()));
                    if (begin != null && events.get(begin).hart() != e.hart()) {
                        flows.add(new Flow("shootdown", begin, i));
                    }
                    Integer take = lastTake.remove(e.hart());
                    if (take != null) {
                        flows.add(new Flow("ipi ack", take, i));
                    }
                }
                default -> {
                }
            }
        }
        return flows;
    }

    private static String asid(String detail) {
        Matcher m = ASID.matcher(detail);
        return m.find() ? m.group(1) : "";
    }
}
