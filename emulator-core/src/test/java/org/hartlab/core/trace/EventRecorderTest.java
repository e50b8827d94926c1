package org.hartlab.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a recorder keeps past its limit: the first events, or the last ones without the ends they cut off. */
class EventRecorderTest {
    private static Event at(long time, int hart, Event.Kind kind, Event.Phase phase) {
        return new Event(time, hart, kind, phase, -1, "");
    }

    private static Event instant(long time) {
        return at(time, 0, Event.Kind.SFENCE, Event.Phase.INSTANT);
    }

    /** {@code r} after five instants at times 1..5. */
    private static EventRecorder afterFiveInstants(EventRecorder r) {
        for (long t = 1; t <= 5; t++) {
            r.accept(instant(t));
        }
        return r;
    }

    private static List<Long> times(EventRecorder r) {
        return r.events().stream().map(Event::time).toList();
    }

    @Test
    void byDefaultTheFirstEventsAreKeptAndLaterOnesCounted() {
        EventRecorder r = afterFiveInstants(new EventRecorder(3));
        assertThat(times(r)).containsExactly(1L, 2L, 3L);
        assertThat(r.dropped()).isEqualTo(2);
        assertThat(r.keepsLast()).isFalse();
    }

    @Test
    void keepingLastEachNewEventPushesOutTheOldest() {
        EventRecorder r = afterFiveInstants(EventRecorder.keepingLast(3));
        assertThat(times(r)).containsExactly(3L, 4L, 5L);
        assertThat(r.dropped()).isEqualTo(2);
        assertThat(r.keepsLast()).isTrue();
    }

    @Test
    void aWindowThatBeginsInsideSpansLeavesOutTheirEndsButKeepsWholeSpans() {
        EventRecorder r = EventRecorder.keepingLast(6);
        r.accept(at(1, 0, Event.Kind.FAULT, Event.Phase.BEGIN)); // pushed out: its end at 4 is an orphan
        r.accept(at(2, 0, Event.Kind.SHOOTDOWN, Event.Phase.BEGIN)); // pushed out: its end at 3 too
        r.accept(at(3, 0, Event.Kind.SHOOTDOWN, Event.Phase.END));
        r.accept(at(4, 0, Event.Kind.FAULT, Event.Phase.END));
        r.accept(at(5, 1, Event.Kind.FAULT, Event.Phase.BEGIN));
        r.accept(at(6, 1, Event.Kind.BUSY_SLEEP, Event.Phase.BEGIN));
        r.accept(at(7, 1, Event.Kind.BUSY_SLEEP, Event.Phase.END));
        r.accept(at(8, 1, Event.Kind.FAULT, Event.Phase.END));
        assertThat(times(r)).containsExactly(5L, 6L, 7L, 8L);
        assertThat(r.dropped()).isEqualTo(2);
    }

    @Test
    void endsAreKeptWhileNothingWasPushedOut() {
        EventRecorder r = EventRecorder.keepingLast(4);
        r.accept(at(1, 0, Event.Kind.FAULT, Event.Phase.END)); // a recording started inside a fault
        r.accept(instant(2));
        assertThat(times(r)).containsExactly(1L, 2L);
    }

    @Test
    void theWindowSaysWhatEachHartRanWhenItsSwitchWasPushedOut() {
        EventRecorder r = EventRecorder.keepingLast(2);
        r.accept(new Event(1, 0, Event.Kind.SWITCH, Event.Phase.INSTANT, -1, "pid 1 tid 1"));
        r.accept(new Event(2, 0, Event.Kind.SWITCH, Event.Phase.INSTANT, -1, "pid 2 tid 2"));
        r.accept(new Event(3, 1, Event.Kind.SWITCH, Event.Phase.INSTANT, -1, "pid 3 tid 3"));
        r.accept(instant(4));
        r.accept(instant(5));
        EventRecorder.Window w = r.window();
        assertThat(w.events()).extracting(Event::time).containsExactly(4L, 5L);
        assertThat(w.switchesBefore()).containsOnlyKeys(0, 1);
        assertThat(w.switchesBefore().get(0).detail()).isEqualTo("pid 2 tid 2");
        assertThat(w.switchesBefore().get(1).detail()).isEqualTo("pid 3 tid 3");
    }
}
