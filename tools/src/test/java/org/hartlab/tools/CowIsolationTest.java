package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Copy-on-write keeps processes apart while a sibling thread changes the map under a COW fault's shootdown wait
 * (issue 17): cow-fork (a fork during the wait must not share the copy the fault then maps writable), cow-unmap
 * munmap and mprotect (no store may land once the page is gone or read-only). Every strategy, seeds 1 to 3 under
 * the deterministic engine, with the kernel's invariants checked during and after each run.
 */
class CowIsolationTest {
    private static final String[] STRATEGIES = {"naive", "two-stage", "two-stage-mt", "bbm"};

    private static Stream<Arguments> runs() {
        return Stream.of(STRATEGIES).flatMap(s -> Stream.of(
                Arguments.of(s, new String[] {"cow-fork"}, "cow-fork children=400 changed=0"),
                Arguments.of(s, new String[] {"cow-unmap", "munmap"}, "cow-unmap munmap rounds=200 broken=0"),
                Arguments.of(s, new String[] {"cow-unmap", "mprotect"}, "cow-unmap mprotect rounds=200 broken=0")));
    }

    private static CommandRun run(String strategy, String engine, int seed, String... program) {
        String[] args = Stream.concat(Stream.of("run", "--check-invariants", "--harts", "4", "--engine", engine,
                "--strategy", strategy, "--seed", Integer.toString(seed)), Stream.of(program)).toArray(String[]::new);
        return CommandRun.of(args);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void noStoreCrossesIntoAnotherProcessOrPastAnUnmapOnAnySeed(String strategy, String[] program, String clean) {
        for (int seed = 1; seed <= 3; seed++) {
            CommandRun r = run(strategy, "deterministic", seed, program);
            assertThat(r.out()).as(strategy + " seed " + seed).contains(clean);
            assertThat(r.err()).as(strategy + " seed " + seed).doesNotContain("invariant violated");
            assertThat(r.exitCode()).as(strategy + " seed " + seed + ": " + r.err()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"naive", "two-stage", "two-stage-mt", "bbm"})
    void forkedChildrenKeepTheirOwnPageUnderTheParallelEngine(String strategy) {
        CommandRun r = run(strategy, "parallel", 1, "cow-fork");
        assertThat(r.out()).contains("cow-fork children=400 changed=0");
        assertThat(r.err()).doesNotContain("invariant violated");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }
}
