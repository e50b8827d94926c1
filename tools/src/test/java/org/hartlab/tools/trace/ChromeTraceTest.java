package org.hartlab.tools.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.RunResult;
import org.hartlab.core.aclint.IpiDelay;
import org.hartlab.core.trace.EventRecorder;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.Programs;
import org.hartlab.kernel.vm.CowStrategy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A traced naive cow-race run gives a trace file that viewers accept: valid JSON, spans nested per hart. */
class ChromeTraceTest {
    private static JsonNode trace;

    @BeforeAll
    static void traceANaiveRunWithViolations() throws Exception {
        Machine machine = new Machine(MachineConfig.defaults().withHarts(4).withSeed(3)
                .withIpiDelay(new IpiDelay(0, 200)), OutputStream.nullOutputStream());
        Kernel kernel = Kernel.boot(machine, CowStrategy.NAIVE);
        kernel.spawn(Programs.load("cow-race"), List.of("cow-race", "200"), List.of());
        EventRecorder recorder = new EventRecorder(1_000_000);
        machine.setEventSink(recorder);
        assertThat(machine.run(2_000_000_000L).outcome()).isEqualTo(RunResult.Outcome.EXITED);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChromeTraceWriter.write(out, recorder.window(), 4, "test");
        trace = new ObjectMapper().readTree(out.toByteArray());
    }

    @Test
    void everyHartHasANamedTrack() {
        long named = stream().filter(e -> e.path("name").asText().equals("thread_name")).count();
        assertThat(named).isEqualTo(4);
    }

    @Test
    void spansNestProperlyOnEachTrack() {
        Map<Integer, Deque<String>> open = new HashMap<>();
        double[] last = new double[4];
        for (JsonNode e : trace.get("traceEvents")) {
            String ph = e.get("ph").asText();
            int tid = e.get("tid").asInt();
            if (ph.equals("B")) {
                open.computeIfAbsent(tid, t -> new ArrayDeque<>()).push(e.get("name").asText());
            } else if (ph.equals("E")) {
                Deque<String> stack = open.get(tid);
                assertThat(stack).as("an end on hart " + tid + " has a begin").isNotEmpty();
                assertThat(stack.pop()).isEqualTo(e.get("name").asText());
            }
            if (!ph.equals("M")) {
                double ts = e.get("ts").asDouble();
                assertThat(ts).as("time runs forward on hart " + tid).isGreaterThanOrEqualTo(last[tid]);
                last[tid] = ts;
            }
        }
        open.values().forEach(stack -> assertThat(stack).isEmpty());
    }

    @Test
    void theViolationIsAnInstantEventAfterACowCopyAndShootdown() {
        assertThat(stream().filter(e -> e.path("name").asText().equals("VIOLATION"))
                .allMatch(e -> e.get("ph").asText().equals("i"))).isTrue();
        assertThat(stream().filter(e -> e.path("name").asText().equals("VIOLATION")).count()).isPositive();
        assertThat(stream().filter(e -> e.path("name").asText().equals("COW copy")).count()).isPositive();
        assertThat(stream().filter(e -> e.path("name").asText().equals("shootdown ack")).count()).isPositive();
    }

    @Test
    void everyArrowEndHasItsStartEarlierOnAnotherHart() {
        Map<String, JsonNode> starts = new HashMap<>();
        Map<String, Long> ends = new HashMap<>();
        for (JsonNode e : trace.get("traceEvents")) {
            String ph = e.get("ph").asText();
            if (ph.equals("s")) {
                assertThat(starts.put(e.get("id").asText(), e)).as("one start per id").isNull();
            } else if (ph.equals("f")) {
                JsonNode start = starts.get(e.get("id").asText());
                assertThat(start).as("an arrow end has a start before it: " + e).isNotNull();
                assertThat(e.get("name").asText()).isEqualTo(start.get("name").asText());
                assertThat(e.get("ts").asDouble()).isGreaterThanOrEqualTo(start.get("ts").asDouble());
                if (!e.get("name").asText().equals("ipi ack")) { // an ack is on the hart that took the IPI
                    assertThat(e.get("tid").asInt()).as(e.toString()).isNotEqualTo(start.get("tid").asInt());
                }
                ends.merge(e.get("name").asText(), 1L, Long::sum);
            }
        }
        assertThat(ends).as("IPI send to take, take to ack, shootdown to each ack")
                .containsOnlyKeys("ipi", "ipi ack", "shootdown");
        assertThat(ends.values()).allMatch(n -> n > 0);
    }

    @Test
    void addressesAreNamedArgsAndEventsSayWhichThreadRan() {
        JsonNode pteStore = stream().filter(e -> e.path("name").asText().equals("PTE store")).findFirst().orElseThrow();
        assertThat(pteStore.get("args").has("pte_pa")).isTrue();
        assertThat(pteStore.get("args").has("pa")).isTrue();
        JsonNode fault = stream().filter(e -> e.path("name").asText().equals("page fault")).findFirst().orElseThrow();
        assertThat(fault.get("args").get("va").asText()).startsWith("0x");
        assertThat(stream().noneMatch(e -> e.path("args").has("address"))).isTrue();
        assertThat(stream().filter(e -> e.path("name").asText().equals("COW copy"))
                .allMatch(e -> e.get("args").get("pid").asInt() > 0 && e.get("args").get("tid").asInt() > 0)).isTrue();
    }

    private static java.util.stream.Stream<JsonNode> stream() {
        return java.util.stream.StreamSupport.stream(trace.get("traceEvents").spliterator(), false);
    }
}
