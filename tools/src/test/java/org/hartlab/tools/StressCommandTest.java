package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code hartlab stress} end to end, on a few seeds: naive breaks on some, the fixes on none; the table has its
 * columns; the replay line replays; the trace is of the first violating seed; jobs do not change a number.
 */
class StressCommandTest {
    private static final String[] RACE = {"stress", "cow-race", "--seeds", "1..6", "--iterations", "200", "--per-seed"};
    private static final Pattern REPLAY =
            Pattern.compile("naive: first violation on seed (\\d+) \\((\\d+) violations?\\); replay: \\./hartlab (.*)");

    @TempDir
    static Path dir;
    private static CommandRun race;
    private static Path raceTrace;

    @BeforeAll
    static void runTheRaceOnce() {
        raceTrace = dir.resolve("race.json");
        race = CommandRun.of(with(RACE, "--trace", raceTrace.toString()));
    }

    private static String[] with(String[] args, String... more) {
        return Stream.concat(Arrays.stream(args), Arrays.stream(more)).toArray(String[]::new);
    }

    /** The table's rows by strategy, each split into its cells. */
    private static Map<String, String[]> rows(String out) {
        Map<String, String[]> rows = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] cells = line.trim().split("\\s{2,}");
            if (cells.length == 10 && cells[0].matches("naive|two-stage|two-stage-mt|bbm")) {
                rows.put(cells[0], cells);
            }
        }
        return rows;
    }

    @Test
    void naiveViolatesOnSomeSeedsAndTheFixesOnNone() {
        assertThat(race.exitCode()).as(race.err()).isZero();
        Map<String, String[]> rows = rows(race.out());
        assertThat(rows.get("naive")[1]).isEqualTo("6");
        assertThat(Integer.parseInt(rows.get("naive")[2].split(" ")[0])).isGreaterThanOrEqualTo(2);
        for (String fix : new String[] {"two-stage", "two-stage-mt", "bbm"}) {
            assertThat(rows.get(fix)).as(fix + "'s row in\n" + race.out()).isNotNull();
            assertThat(rows.get(fix)[1]).as(fix + " seeds").isEqualTo("6");
            assertThat(rows.get(fix)[3]).as(fix + " violations").isEqualTo("0");
            assertThat(race.out()).contains(fix + ": no violation on any seed");
        }
    }

    @Test
    void tableHasEveryColumn() {
        assertThat(race.out()).containsPattern("strategy +seeds +violating seeds +violations +COW faults +spurious +IPIs "
                + "+shootdown IPIs +faults/COW +cycles/COW");
        assertThat(rows(race.out())).as(race.out()).containsOnlyKeys("naive", "two-stage", "two-stage-mt", "bbm");
    }

    @Test
    void replayLineReproducesTheSameViolations() {
        Matcher m = REPLAY.matcher(race.out());
        assertThat(m.find()).as(race.out()).isTrue();
        CommandRun replay = CommandRun.of(m.group(3).split(" "));
        assertThat(replay.out()).contains("iterations=200 violations=" + m.group(2) + "\n");
        assertThat(replay.exitCode()).isEqualTo(1);
    }

    @Test
    void aPctScheduleIsNamedInTheHeaderAndItsReplayLineReproducesTheViolations() {
        CommandRun pct = CommandRun.of("stress", "cow-race", "--strategy", "naive", "--seeds", "1..3", "--iterations",
                "200", "--schedule", "pct");
        assertThat(pct.out()).as(pct.err()).contains("IPI delay 1000..3000, schedule pct:3:50000\n");
        Matcher m = REPLAY.matcher(pct.out());
        assertThat(m.find()).as(pct.out()).isTrue();
        assertThat(m.group(3)).contains(" --schedule pct:3:50000 ");
        CommandRun replay = CommandRun.of(m.group(3).split(" "));
        assertThat(replay.out()).contains("iterations=200 violations=" + m.group(2) + "\n");
        assertThat(CommandRun.of("stress", "cow-race", "--schedule", "fair").err())
                .isEqualTo("hartlab stress: schedule must be uniform or pct[:DEPTH[:STEPS]], got 'fair'\n");
    }

    @Test
    void traceIsOfTheFirstViolatingSeed() throws IOException {
        Matcher m = REPLAY.matcher(race.out());
        assertThat(m.find()).isTrue();
        String json = Files.readString(raceTrace);
        assertThat(json).contains("hartlab stress cow-race seed " + m.group(1) + " naive", "\"cat\":\"mark\"");
        assertThat(race.err()).contains("trace of naive seed " + m.group(1));
    }

    @Test
    void withoutAViolationTheTraceIsOfTheFirstSeed() throws IOException {
        Path trace = dir.resolve("cost.json");
        CommandRun r = CommandRun.of("stress", "cow-cost", "--strategy", "bbm", "--seeds", "5..6", "--iterations", "3",
                "--trace", trace.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(trace)).contains("hartlab stress cow-cost seed 5 bbm");
    }

    @Test
    void twoJobsGiveTheSameOutputAsOne() {
        CommandRun twoJobs = CommandRun.of(with(RACE, "--jobs", "2"));
        assertThat(twoJobs.exitCode()).isZero();
        assertThat(twoJobs.out()).contains("naive seed 1:").isEqualTo(race.out());
    }

    @Test
    void twoStageCostsTwoFaultsPerCowEvenSingleThreaded() {
        CommandRun r = CommandRun.of("stress", "cow-cost", "--seeds", "1..2", "--iterations", "20");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Map<String, String[]> rows = rows(r.out());
        assertThat(Double.parseDouble(rows.get("two-stage")[8])).isBetween(1.9, 2.2);
        assertThat(Double.parseDouble(rows.get("bbm")[8])).isBetween(1.0, 1.2);
        assertThat(Double.parseDouble(rows.get("naive")[8])).isBetween(1.0, 1.2);
        assertThat(rows.get("two-stage")[4]).isEqualTo(rows.get("bbm")[4]);
    }

    @Test
    void copiesCostGuestTimeUnderTheRealisticKernelAndNoneUnderTheZeroOne() {
        // cow-cost's copies are made by a lone thread (no shootdown wait): their cycles are the page copy's cost
        String args = "stress cow-cost --strategy bbm --seeds 1 --iterations 5";
        Map<String, String[]> realistic = rows(CommandRun.of(args.split(" ")).out());
        Map<String, String[]> zero = rows(CommandRun.of((args + " --kernel-costs zero").split(" ")).out());
        assertThat(Double.parseDouble(realistic.get("bbm")[9])).isGreaterThan(100.0);
        assertThat(Double.parseDouble(zero.get("bbm")[9])).isLessThan(Double.parseDouble(realistic.get("bbm")[9]));
    }

    @Test
    void aZeroCyclesPerCowUnderTheFreeKernelSaysWhy() {
        String args = "stress cow-cost --strategy bbm --seeds 1 --iterations 5";
        CommandRun zero = CommandRun.of((args + " --kernel-costs zero").split(" "));
        assertThat(rows(zero.out()).get("bbm")[9]).isEqualTo("0.0");
        assertThat(zero.out()).contains("cycles/COW is 0.0 under bbm: the copies took no guest time "
                + "(--kernel-costs zero charges nothing for a fault or a page copy, and no copy waited for a shootdown)");
        assertThat(CommandRun.of(args.split(" ")).out()).doesNotContain("cycles/COW is 0.0");
    }

    @Test
    void aSeedThatDoesNotFinishIsReportedWithItsReplayAndExitsOne() {
        CommandRun r = CommandRun.of("stress", "cow-race", "--strategy", "bbm", "--seeds", "1", "--max-instructions",
                "100000");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("hartlab stress: bbm seed 1: instruction limit 100000 reached",
                "replay: ./hartlab run --strategy bbm --seed 1 --harts 4 --ipi-delay 1000..3000 --max-instructions 100000 "
                        + "cow-race 200");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cow-race --seeds 5..1        | --seeds must be A..B with A <= B, got 5..1",
        "cow-race --seeds one..two    | --seeds must be A..B or N, got 'one..two'",
        "no-such-program              | no-such-program: no such file, nor a bundled program (run --help lists them)",
        "hello --iterations 3         | --iterations sizes cow-race, cow-cost, litmus-spin and litmus-futex only: pass hello's own arguments after it",
        "litmus-spin --pages 3        | --pages sizes cow-cost only, not litmus-spin",
        "cow-race --strategy fast     | --strategy must be naive, two-stage, two-stage-mt, bbm or all, got 'fast'",
        "cow-race --jobs 0            | --jobs must be 1..256, got 0",
        "cow-race --iterations 0      | --iterations must be positive, got 0",
        "cow-cost --pages 1000        | --pages must be 1..256, got 1000",
        "cow-race --harts 65          | harts must be 1..64, got 65",
        "cow-race --engine warp       | engine must be deterministic or parallel, got 'warp'",
        "cow-race --ipi-delay 9..1    | ipi delay must be MIN..MAX with 0 <= MIN <= MAX, got 9..1",
    })
    void badInputIsOneLineAndExitTwo(String args, String message) {
        String[] argv = ("stress " + args.trim()).split(" +");
        CommandRun r = CommandRun.of(argv);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("hartlab stress: " + message + System.lineSeparator());
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingProgramIsAUsageError() {
        CommandRun r = CommandRun.of("stress", "--seeds", "1..2");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required parameter: 'PROGRAM'");
    }

    /** The unit-suite cut of the load run (8 harts, 1..1000 seeds): every invariant holds on every seed. */
    @Test
    void eightHartsUnderEveryStrategyKeepTheKernelsInvariants() {
        CommandRun r = CommandRun.of("stress", "cow-race", "--harts", "8", "--seeds", "1..5", "--iterations", "100",
                "--check-invariants", "--jobs", "2");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).doesNotContain("invariant violated", "did not complete");
        assertThat(r.out()).contains("two-stage: no violation on any seed", "two-stage-mt: no violation on any seed",
                "bbm: no violation on any seed");
    }
}
