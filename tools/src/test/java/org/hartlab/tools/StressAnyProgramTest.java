package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hartlab.tools.TinyElf.addi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hartlab stress} on programs it did not write: ELFs given by path (tiny ones made here, whose verdict
 * does not depend on any interleaving, and a bundled litmus copied out), the replay command, --until-found, the
 * hang guard and bad input. Nothing here depends on the race being found.
 */
class StressAnyProgramTest {
    private static final int ECALL = TinyElf.ECALL;
    private static final int LOOP = TinyElf.LOOP;
    private static final long BASE = 0x10000;
    private static final Pattern FIRST_VIOLATION =
            Pattern.compile("(\\S+): first violation on seed (\\d+) \\((\\d+) violations?\\); replay: \\./hartlab (.*)");

    @TempDir
    static Path dir;
    /** Calls hartlab_mark twice, then exits 3: two violations on every seed under every strategy. */
    private static Path marksTwice;
    /** Exits 0 at once: never a violation. */
    private static Path exitsClean;
    /** Spins forever: never finishes. */
    private static Path spins;

    @BeforeAll
    static void writePrograms() throws IOException {
        marksTwice = elf("marks-twice.elf", BASE, addi(17, 1000), ECALL, addi(17, 1000), ECALL, addi(10, 3),
                addi(17, 94), ECALL);
        exitsClean = elf("exits-clean.elf", BASE, addi(10, 0), addi(17, 94), ECALL);
        spins = elf("spins.elf", BASE, LOOP);
    }

    private static Path elf(String name, long base, int... code) throws IOException {
        Path path = dir.resolve(name);
        TinyElf.write(path, base, code);
        return path;
    }

    private static CommandRun stress(Object... args) {
        List<String> argv = new ArrayList<>(List.of("stress"));
        Arrays.stream(args).map(Object::toString).forEach(argv::add);
        return CommandRun.of(argv.toArray(String[]::new));
    }

    /** The counters of {@code strategy seed N} in a --per-seed listing. */
    private static String perSeedStats(String out, String strategy, long seed) {
        Matcher m = Pattern.compile("(?m)^" + strategy + " seed " + seed + ": exit=-?\\d+ violations=\\d+ (.*)$")
                .matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1).replaceFirst(" PROBLEM: .*", "");
    }

    /** Runs a printed replay command with --stats added; returns its exit code and the stats line. */
    private static CommandRun replayWithStats(String command) {
        List<String> argv = new ArrayList<>(List.of(command.split(" ")));
        argv.add(1, "--stats"); // after "run"
        return CommandRun.of(argv.toArray(String[]::new));
    }

    @Test
    void marksAndANonZeroExitOfAProgramGivenByPathAreViolationsAndTheFixesFailTheRun() {
        CommandRun r = stress(marksTwice, "--seeds", "1..3");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).containsPattern("(?m)^naive +3 +3 \\(100%\\) +6 ")
                .containsPattern("(?m)^bbm +3 +3 \\(100%\\) +6 ");
        assertThat(r.err()).contains("hartlab stress: kernel bug: two-stage saw 6 violations on 3 seeds");
    }

    @Test
    void aCleanProgramGivenByPathHasNoViolationUnderAnyStrategyAndExitsZero() {
        CommandRun r = stress(exitsClean, "--seeds", "1..2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("naive: no violation on any seed", "two-stage: no violation on any seed",
                "two-stage-mt: no violation on any seed", "bbm: no violation on any seed");
    }

    @Test
    void replayCommandOfTheFirstViolatingSeedFailsTheSameWay() {
        CommandRun r = stress(marksTwice, "--strategy", "naive", "--seeds", "4..5", "--per-seed");
        Matcher m = FIRST_VIOLATION.matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(m.group(2)).isEqualTo("4");
        assertThat(m.group(4)).isEqualTo("run --strategy naive --seed 4 --harts 4 --ipi-delay 1000..3000 " + marksTwice);
        CommandRun replay = replayWithStats(m.group(4));
        assertThat(replay.exitCode()).isEqualTo(3);
        assertThat(replay.err()).contains("hartlab run: " + perSeedStats(r.out(), "naive", 4)).contains("marks=2");
    }

    @Test
    void replayOfALitmusSeedThatDidNotFinishReproducesItsCountersExactly() throws IOException {
        Path litmus = dir.resolve("litmus-futex.elf");
        try (InputStream in = StressAnyProgramTest.class.getResourceAsStream("/programs/litmus-futex.elf")) {
            Files.copy(in, litmus);
        }
        CommandRun r = stress(litmus, "--strategy", "two-stage", "--seeds", "7", "--max-instructions", "5000",
                "--per-seed", "--", "300");
        assertThat(r.exitCode()).isEqualTo(1);
        Matcher m = Pattern.compile("two-stage seed 7: instruction limit 5000 reached .*; replay: \\./hartlab (.*)")
                .matcher(r.err());
        assertThat(m.find()).as(r.err()).isTrue();
        assertThat(m.group(1)).endsWith("--max-instructions 5000 " + litmus + " 300");
        CommandRun replay = replayWithStats(m.group(1));
        assertThat(replay.exitCode()).isEqualTo(ExitCodes.INSTRUCTION_LIMIT);
        assertThat(replay.err()).contains("hartlab run: " + perSeedStats(r.out(), "two-stage", 7));
    }

    @Test
    void aProgramThatNeverExitsDidNotFinishWithItsReplayCommand() {
        CommandRun r = stress(spins, "--strategy", "bbm", "--seeds", "1..2", "--max-instructions", "5000");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("hartlab stress: bbm seed 1: instruction limit 5000 reached",
                "replay: ./hartlab run --strategy bbm --seed 2 --harts 4 --ipi-delay 1000..3000 --max-instructions 5000 "
                        + spins);
        assertThat(r.out()).contains("bbm: no violation on any seed");
    }

    @Test
    void untilFoundStopsEachStrategyAtItsFirstViolatingSeed() {
        CommandRun r = stress(marksTwice, "--strategy", "all", "--seeds", "10..40", "--until-found", "--jobs", "2",
                "--per-seed");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).containsPattern("(?m)^naive +1 +1 \\(100%\\) +2 ")
                .containsPattern("(?m)^two-stage-mt +1 +1 \\(100%\\) +2 ")
                .contains("naive seed 10:", "bbm seed 10:").doesNotContain("seed 11:")
                .contains("each until its first violation");
        assertThat(r.err()).doesNotContain("stopped:");
    }

    @Test
    void untilFoundRunsEverySeedWhenNoneViolates() {
        CommandRun r = stress(exitsClean, "--strategy", "naive", "--seeds", "1..5", "--until-found");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).containsPattern("(?m)^naive +5 +0 \\(0%\\) +0 ");
    }

    @Test
    void aBundledLitmusRunsUnderEveryStrategyWithTheTableAndNoFixBreaks() {
        CommandRun r = stress("litmus-spin", "--seeds", "1..2", "--iterations", "20");
        assertThat(r.out()).startsWith("stress litmus-spin 20: seeds 1..2 (2) under naive, two-stage, two-stage-mt, bbm;")
                .containsPattern("strategy +seeds +violating seeds +violations +COW faults +spurious +IPIs "
                        + "+shootdown IPIs +faults/COW +cycles/COW");
        assertThat(r.out()).contains("two-stage: no violation on any seed", "two-stage-mt: no violation on any seed",
                "bbm: no violation on any seed");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("did not").doesNotContain("instruction limit");
    }

    @Test
    void aMissingFileIsOneLineAndExitTwo() {
        assertOneLineUsageError(stress(dir.resolve("nowhere.elf"), "--seeds", "1"),
                dir.resolve("nowhere.elf") + ": no such file, nor a bundled program (run --help lists them)");
    }

    @Test
    void aFileThatIsNotAnElfIsOneLineAndExitTwo() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a program\n");
        assertOneLineUsageError(stress(text), text + ": not an ELF file");
    }

    @Test
    void aTruncatedElfIsOneLineAndExitTwo() throws IOException {
        byte[] whole = Files.readAllBytes(marksTwice);
        Path cut = Files.write(dir.resolve("cut.elf"), Arrays.copyOf(whole, 80));
        CommandRun r = stress(cut);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("hartlab stress: " + cut + ": ").doesNotContain("\tat ");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void anElfTheKernelCannotLoadIsOneLineAndExitTwo() throws IOException {
        Path low = elf("low.elf", 0, addi(10, 0), addi(17, 94), ECALL);
        CommandRun r = stress(low, "--seeds", "1..3");
        assertOneLineUsageError(r, low + ": segment at 0x0..0x84 is outside user space or overlaps another");
    }

    private static void assertOneLineUsageError(CommandRun r, String message) {
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("hartlab stress: " + message + System.lineSeparator());
        assertThat(r.out()).isEmpty();
    }
}
