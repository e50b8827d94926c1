package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Under load with a debugger attached: the real gdb-multiarch stops {@code hartlab run --harts 8
 * --check-invariants cow-race} again and again in its barrier, which every thread enters every iteration, so
 * stops land while other harts are in the kernel (shootdowns in flight) and gdb steps one thread over the
 * breakpoint while the others must stay put; then lets it finish. The run ends normally and every kernel
 * invariant held throughout and at the end.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GdbUnderLoadTest {
    private static final Path COW_RACE = TestPaths.ROOT.resolve("kernel-mini/src/main/resources/programs/cow-race.elf");
    private static final int STOPS = 12;

    @Test
    void eightHartsStoppedAndResumedRepeatedlyKeepTheKernelsInvariants() throws Exception {
        Path gdb = RequiredTool.require("gdb-multiarch", "gdb-multiarch");
        try (GdbSession hartlab = GdbSession.kernel("--harts", "8", "--check-invariants", "cow-race", "50")) {
            List<String> cmd = new ArrayList<>(List.of(gdb.toString(), "-batch", "-nx", "-ex", "set pagination off",
                    "-ex", "set confirm off", "-ex", "set tcp connect-timeout 30", "-ex", "file " + COW_RACE,
                    "-ex", "target remote 127.0.0.1:" + hartlab.port, "-ex", "break rt_barrier_wait"));
            for (int i = 0; i < STOPS; i++) {
                cmd.addAll(List.of("-ex", "continue", "-ex", "info threads"));
            }
            cmd.addAll(List.of("-ex", "delete", "-ex", "continue"));
            String out = runGdb(cmd);
            assertThat(out.split("Breakpoint \\d, ", -1)).as(out).hasSize(STOPS + 1);
            assertThat(out).containsPattern("Thread 8 .*pid 1 tid \\d+ \\(cow-race\\)|Thread 8 .*idle");
            CommandRun run = hartlab.result();
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).doesNotContain("invariant violated");
            assertThat(run.out()).contains("iterations=50 violations=0");
        }
    }

    /**
     * All four threads of {@code cow-race} enter the barrier every iteration, so harts hit the one breakpoint
     * while gdb steps another over it (its software single step: {@code vCont;c:N}, the others held). gdb
     * 13.1 asserted in {@code finish_step_over} when a held hart was reported instead; now each stop is reported
     * alone and gdb sees every thread hit the breakpoint in turn.
     */
    @Test
    void fourHartsHittingOneBreakpointAreReportedOneStopAtATime() throws Exception {
        Path gdb = RequiredTool.require("gdb-multiarch", "gdb-multiarch");
        int stops = 20;
        try (GdbSession hartlab = GdbSession.kernel("--seed", "2", "--harts", "4", "cow-race", "30")) {
            List<String> cmd = new ArrayList<>(List.of(gdb.toString(), "-batch", "-nx", "-ex", "set pagination off",
                    "-ex", "set confirm off", "-ex", "set tcp connect-timeout 30", "-ex", "file " + COW_RACE,
                    "-ex", "target remote 127.0.0.1:" + hartlab.port, "-ex", "break rt_barrier_wait"));
            for (int i = 0; i < stops; i++) {
                cmd.addAll(List.of("-ex", "continue"));
            }
            cmd.addAll(List.of("-ex", "delete", "-ex", "continue"));
            String out = runGdb(cmd);
            assertThat(out).doesNotContain("internal-error");
            assertThat(out.split("hit Breakpoint 1, ", -1)).as(out).hasSize(stops + 1);
            for (int thread = 1; thread <= 4; thread++) {
                assertThat(out).as(out).contains("Thread " + thread + " hit Breakpoint 1, ");
            }
            assertThat(out).contains("exited normally");
            CommandRun run = hartlab.result();
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("iterations=30 violations=0");
        }
    }

    private static String runGdb(List<String> cmd) throws Exception {
        Path log = Files.createTempFile("gdb-under-load", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(150, TimeUnit.SECONDS);
        p.destroyForcibly();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        if (!finished) {
            fail("gdb did not finish:\n" + out);
        }
        return out;
    }
}
