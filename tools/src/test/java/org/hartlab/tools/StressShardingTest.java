package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stress campaign cut into shards ({@code --shard K/N --json FILE}) and put back together ({@code stress merge})
 * prints what the campaign run whole prints; merge refuses files that are not one campaign, in one line, exit 2.
 */
class StressShardingTest {
    private static final String[] CAMPAIGN = {"stress", "cow-race", "--iterations", "20", "--seeds", "1..6",
        "--per-seed"};
    /** The one line of a run that is about the host's speed, not the campaign. */
    private static final String TIMING = "^hartlab stress: \\d+ runs in .* s \\(\\d+ jobs?\\)$";

    @TempDir
    static Path dir;
    private static CommandRun whole;
    private static CommandRun[] shards = new CommandRun[3];
    private static Path[] files = new Path[3];

    @BeforeAll
    static void runTheCampaignWholeAndAsThreeShards() {
        whole = CommandRun.of(CAMPAIGN);
        for (int k = 1; k <= 3; k++) {
            files[k - 1] = dir.resolve("shard-" + k + ".json");
            shards[k - 1] = CommandRun.of(with(CAMPAIGN, "--shard", k + "/3", "--json", files[k - 1].toString()));
        }
    }

    private static String[] with(String[] args, String... more) {
        return Stream.concat(Arrays.stream(args), Arrays.stream(more)).toArray(String[]::new);
    }

    private static CommandRun merge(Path... paths) {
        return CommandRun.of(with(new String[] {"stress", "merge"},
                Arrays.stream(paths).map(Path::toString).toArray(String[]::new)));
    }

    /** {@code file} with {@code from} replaced by {@code to}, as a new file (it must change something). */
    private static Path edited(Path file, String from, String to, String name) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Path copy = dir.resolve(name);
        Files.writeString(copy, text.replace(from, to));
        return copy;
    }

    private static void assertRefused(CommandRun run, String line) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("hartlab stress merge: " + line + "\n");
    }

    @Test
    void campaignRunWholeAndAsThreeMergedShardsPrintsTheSameReport() {
        assertThat(whole.exitCode()).as(whole.err()).isZero();
        for (CommandRun s : shards) {
            assertThat(s.exitCode()).as(s.err()).isZero();
        }
        CommandRun merged = merge(files);
        assertThat(merged.exitCode()).as(merged.err()).isZero();
        assertThat(merged.out()).isEqualTo(whole.out());
        String wholeErr = whole.err().lines().filter(l -> !l.matches(TIMING)).collect(Collectors.joining("\n"));
        assertThat(merged.err().lines().collect(Collectors.joining("\n"))).isEqualTo(wholeErr);
        assertThat(whole.out()).contains("naive seed 6: ").contains("naive: first violation on seed");
    }

    @Test
    void shardsMergeInAnyOrder() {
        assertThat(merge(files[2], files[0], files[1]).out()).isEqualTo(whole.out());
    }

    @Test
    void eachShardRunsItsOwnBlockOfTwoSeedsAndSaysSo() {
        String[] blocks = {"1..2", "3..4", "5..6"};
        for (int k = 1; k <= 3; k++) {
            assertThat(shards[k - 1].out()).startsWith("stress cow-race 20: seeds " + blocks[k - 1] + " (2), shard "
                    + k + "/3 of 1..6 under naive");
            assertThat(shards[k - 1].err()).contains("results of shard " + k + "/3 (8 runs) written to " + files[k - 1]);
        }
    }

    @Test
    void jsonCarriesVersionConfigurationShardAndEachRunsOutcomeCountersAndReplay() throws IOException {
        JsonNode root = new ObjectMapper().readTree(files[1].toFile());
        assertThat(root.get("version").asText()).isEqualTo(Version.text());
        JsonNode c = root.get("configuration");
        assertThat(c.get("program").asText()).isEqualTo("cow-race");
        assertThat(c.get("arguments").toString()).isEqualTo("[\"20\"]");
        assertThat(c.get("seeds").asText()).isEqualTo("1..6");
        assertThat(c.get("harts").asInt()).isEqualTo(4);
        assertThat(c.get("strategies").size()).isEqualTo(4);
        assertThat(root.get("shard").get("index").asInt()).isEqualTo(2);
        assertThat(root.get("shard").get("count").asInt()).isEqualTo(3);
        JsonNode results = root.get("results");
        assertThat(results.size()).isEqualTo(8);
        JsonNode first = results.get(0);
        assertThat(first.get("strategy").asText()).isEqualTo("naive");
        assertThat(first.get("seed").asLong()).isEqualTo(3);
        assertThat(first.get("outcome").asText()).isEqualTo("EXITED");
        assertThat(first.get("counters").get("cowCopies").asLong()).isPositive();
        assertThat(first.get("replay").asText())
                .isEqualTo("./hartlab run --strategy naive --seed 3 --harts 4 --ipi-delay 1000..3000 cow-race 20");
        assertThat(whole.out()).contains("naive seed 3: exit=" + first.get("exitCode").asInt() + " violations="
                + first.get("violations").asLong() + " instructions=" + first.get("counters").get("instructions").asLong());
    }

    @Test
    void mergeRefusesAMissingShard() {
        assertRefused(merge(files[0], files[1]), "naive seed 5 is missing: no file has it (is shard 3/3 missing?)");
    }

    @Test
    void mergeRefusesAShardGivenTwice() {
        assertRefused(merge(files[0], files[1], files[2], files[1]),
                "naive seed 3 is doubled: in " + files[1] + " and in " + files[1]);
    }

    @Test
    void mergeRefusesResultsOfAnotherConfiguration() throws IOException {
        Path other = edited(files[1], "\"harts\" : 4", "\"harts\" : 3", "harts3.json");
        assertRefused(merge(files[0], other, files[2]), other + " is another campaign than " + files[0]
                + ": harts 3, not 4");
    }

    @Test
    void mergeRefusesResultsOfAnotherVersion() throws IOException {
        Path other = edited(files[2], "\"version\" : \"" + Version.text() + "\"", "\"version\" : \"hartlab 0.0.1\"",
                "old.json");
        assertRefused(merge(files[0], files[1], other), other + " was run by hartlab 0.0.1, " + files[0] + " by "
                + Version.text());
    }

    @Test
    void mergeRefusesAShardIndexOutOfRange() throws IOException {
        Path other = edited(files[1], "\"index\" : 2", "\"index\" : 4", "index4.json");
        assertRefused(merge(files[0], other, files[2]), other + ": shard index 4 is out of range 1..3");
    }

    @Test
    void mergeRefusesAMissingFile() {
        Path missing = dir.resolve("no-such.json");
        assertRefused(merge(files[0], missing), "cannot read " + missing + ": no such file");
    }

    @Test
    void mergeRefusesAnUnreadableFile() throws IOException {
        Path directory = Files.createDirectories(dir.resolve("a-directory.json"));
        CommandRun run = merge(files[0], directory);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("hartlab stress merge: cannot read " + directory + ": ").endsWith("\n")
                .hasLineCount(1);
    }

    @Test
    void mergeRefusesAFileThatIsNotJson() throws IOException {
        Path text = Files.writeString(dir.resolve("truncated.json"), "{\n  \"format\" : ");
        CommandRun run = merge(text);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("hartlab stress merge: " + text + ": not JSON (line ").hasLineCount(1);
    }

    @Test
    void shardOptionErrorsAreOneLineAndExitTwo() {
        String[][] cases = {
            {"4/3", "hartlab stress: --shard K/N needs 1 <= K <= N, got 4/3"},
            {"7/7", "hartlab stress: --shard 7/7: 7 shards for only 6 seeds (1..6)"},
            {"two", "hartlab stress: --shard must be K/N (e.g. 2/8) or auto, got 'two'"},
        };
        for (String[] c : cases) {
            CommandRun run = CommandRun.of(with(CAMPAIGN, "--shard", c[0]));
            assertThat(run.exitCode()).as(c[0]).isEqualTo(2);
            assertThat(run.err()).as(c[0]).isEqualTo(c[1] + "\n");
        }
    }

    @Test
    void untilFoundIsNotSharded() {
        CommandRun run = CommandRun.of(with(CAMPAIGN, "--until-found", "--shard", "1/3"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("hartlab stress: --until-found stops at a seed that depends on the other "
                + "seeds, so it takes neither --shard nor --json\n");
    }
}
