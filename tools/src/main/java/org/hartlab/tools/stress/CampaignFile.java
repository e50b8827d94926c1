package org.hartlab.tools.stress;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.hartlab.core.RunResult;
import org.hartlab.core.aclint.IpiDelay;
import org.hartlab.core.engine.Engine;
import org.hartlab.core.engine.ScheduleSpec;
import org.hartlab.kernel.KernelCosts;
import org.hartlab.kernel.KernelStats;
import org.hartlab.kernel.vm.CowStrategy;

/**
 * The JSON result of one stress shard ({@code --json}), which {@code stress merge} reads back: the hartlab
 * version, the campaign's configuration (everything its numbers depend on, and so everything two shards must
 * share), which shard this is and its seeds, and per strategy and seed the outcome, the counters and the replay
 * command. A campaign is a pure function of its configuration and seeds, so merged shards are the whole run.
 *
 * @param version       the hartlab that ran it ({@code hartlab --version})
 * @param configuration the campaign, as JSON (compared field by field by merge)
 * @param shard         which slice of the campaign's seeds this is
 * @param results       strategies, then seeds, in order
 */
record CampaignFile(String version, ObjectNode configuration, StressShard shard, List<SeedResult> results) {
    /** Names the layout, so that a future change of it is refused rather than misread. */
    static final String FORMAT = "hartlab-stress-shard/1";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** A campaign's configuration: what runs, on which seeds, and how it prints. */
    record Campaign(StressPlan plan, List<CowStrategy> strategies, SeedRange seeds, boolean perSeed) {
        ObjectNode toJson() {
            ObjectNode c = MAPPER.createObjectNode();
            c.put("program", plan.workload().program());
            ArrayNode arguments = c.putArray("arguments");
            plan.workload().arguments().forEach(arguments::add);
            ArrayNode names = c.putArray("strategies");
            strategies.forEach(s -> names.add(s.toString()));
            c.put("seeds", seeds.first() + ".." + seeds.last());
            c.put("harts", plan.harts());
            c.put("engine", plan.engine().toString());
            c.put("ipiDelay", plan.ipiDelay().toString());
            c.put("schedule", plan.schedule().toString());
            c.put("kernelCosts", plan.costs().toString());
            c.put("maxInstructions", plan.maxInstructions());
            c.put("checkInvariants", plan.checkInvariants());
            c.put("perSeed", perSeed);
            return c;
        }

        /** The campaign {@link #toJson} wrote; IllegalArgumentException when a field is missing or wrong. */
        static Campaign of(JsonNode c) {
            List<String> arguments = new ArrayList<>();
            required(c, "arguments").forEach(a -> arguments.add(a.asText()));
            List<CowStrategy> strategies = new ArrayList<>();
            required(c, "strategies").forEach(s -> strategies.add(CowStrategy.parse(s.asText())));
            StressPlan plan = new StressPlan(new Workload(text(c, "program"), arguments), required(c, "harts").asInt(),
                    Engine.Kind.parse(text(c, "engine")), IpiDelay.parse(text(c, "ipiDelay")),
                    ScheduleSpec.parse(text(c, "schedule")), KernelCosts.parse(text(c, "kernelCosts")),
                    required(c, "maxInstructions").asLong(), required(c, "checkInvariants").asBoolean());
            return new Campaign(plan, strategies, SeedRange.parse(text(c, "seeds")),
                    required(c, "perSeed").asBoolean());
        }
    }

    /** Writes this file's JSON to {@code file}; {@code plan} gives each result its replay command. */
    void write(Path file, StressPlan plan) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", version);
        root.set("configuration", configuration);
        ObjectNode s = root.putObject("shard");
        s.put("index", shard.index());
        s.put("count", shard.count());
        ArrayNode list = root.putArray("results");
        for (SeedResult r : results) {
            ObjectNode n = list.addObject();
            n.put("strategy", r.strategy().toString());
            n.put("seed", r.seed());
            n.put("outcome", r.outcome().name());
            n.put("exitCode", r.exitCode());
            n.put("violations", r.violations());
            n.put("problem", r.problem());
            n.set("counters", MAPPER.valueToTree(r.stats()));
            n.put("replay", plan.replayCommand(r.strategy(), r.seed()));
        }
        MAPPER.writeValue(file.toFile(), root);
    }

    /**
     * Reads a file {@link #write} wrote. IOException when it cannot be read; IllegalArgumentException, with a
     * one-line reason, when it is not such a file (not JSON, another format, a field missing, a shard out of range).
     */
    static CampaignFile read(Path file) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = MAPPER.readTree(in);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e.getLocation() == null ? "not JSON"
                    : "not JSON (line %d, column %d)".formatted(e.getLocation().getLineNr(),
                    e.getLocation().getColumnNr()));
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("not a stress result: its \"format\" is not \"" + FORMAT + "\"");
        }
        JsonNode configuration = required(root, "configuration");
        if (!configuration.isObject()) {
            throw new IllegalArgumentException("\"configuration\" is not an object");
        }
        JsonNode s = required(root, "shard");
        int index = required(s, "index").asInt();
        int count = required(s, "count").asInt();
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard index " + index + " is out of range 1.." + count);
        }
        List<SeedResult> results = new ArrayList<>();
        for (JsonNode n : required(root, "results")) {
            KernelStats stats;
            try {
                stats = MAPPER.treeToValue(required(n, "counters"), KernelStats.class);
            } catch (JacksonException e) {
                throw new IllegalArgumentException("bad counters: " + e.getOriginalMessage());
            }
            results.add(new SeedResult(CowStrategy.parse(text(n, "strategy")), required(n, "seed").asLong(),
                    RunResult.Outcome.valueOf(text(n, "outcome")), required(n, "exitCode").asInt(),
                    required(n, "violations").asLong(), stats, n.path("problem").isNull() ? null : text(n, "problem")));
        }
        return new CampaignFile(text(root, "version"), (ObjectNode) configuration, new StressShard(index, count),
                results);
    }

    /** The first field in which {@code other}'s configuration differs from this one's, as a phrase; null if none. */
    String difference(CampaignFile other) {
        Iterator<Map.Entry<String, JsonNode>> fields = configuration.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode theirs = other.configuration.get(f.getKey());
            if (!f.getValue().equals(theirs)) {
                return f.getKey() + " " + (theirs == null ? "missing" : theirs) + ", not " + f.getValue();
            }
        }
        Iterator<String> theirs = other.configuration.fieldNames();
        while (theirs.hasNext()) {
            String name = theirs.next();
            if (!configuration.has(name)) {
                return name + " " + other.configuration.get(name) + ", not missing";
            }
        }
        return null;
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("field \"" + field + "\" is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return required(node, field).asText();
    }
}
