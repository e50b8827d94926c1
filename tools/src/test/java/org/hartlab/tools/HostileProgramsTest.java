package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hartlab.kernel.proc.Processes;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The kernel survives hostile processes (guests/user/fork-bomb.c, oom.c, bad-syscalls.c, many-threads.c): each
 * runs to its end with its expected report, the kernel's limits answer with EAGAIN, the OOM victim is the process
 * that asked, and the kernel's invariants hold during and after every run.
 */
class HostileProgramsTest {
    private static CommandRun run(String harts, String engine, String... program) {
        String[] args = Stream.concat(Stream.of("run", "--check-invariants",
                "--harts", harts, "--engine", engine, "--ram", "16"), Stream.of(program))
                .toArray(String[]::new);
        return CommandRun.of(args);
    }

    @ParameterizedTest(name = "{0} harts, {1}")
    @CsvSource({"1, deterministic", "4, deterministic", "4, parallel"})
    void forkBombStopsAtTheProcessLimitAndReapsEveryChild(String harts, String engine) {
        CommandRun r = run(harts, engine, "fork-bomb");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        Matcher m = Pattern.compile("fork-bomb forks=(\\d+) eagain=(\\d+) reaped=(\\d+)").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        // Once the table is full, exits make room for more forks: at least a full table's worth, all reaped.
        assertThat(Long.parseLong(m.group(1))).isGreaterThanOrEqualTo(Processes.MAX_PROCESSES - 1);
        assertThat(Long.parseLong(m.group(2))).as("EAGAIN seen").isPositive();
        assertThat(m.group(3)).isEqualTo(m.group(1));
    }

    @ParameterizedTest(name = "{0} harts, {1}")
    @CsvSource({"1, deterministic", "4, deterministic", "4, parallel"})
    void memoryHogIsTheOnlyProcessKilledAndItsMemoryComesBack(String harts, String engine) {
        CommandRun r = run(harts, engine, "oom");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("pid 3 \\(oom\\): out of memory at 0x[0-9a-f]+, pc 0x[0-9a-f]+: killed")
                .containsPattern("oom: hog killed by signal 9 after \\d+ pages; bystander exit 0; memory back");
    }

    @ParameterizedTest(name = "{0} harts, {1}")
    @CsvSource({"1, deterministic", "4, deterministic", "4, parallel"})
    void everyBadPointerAndLengthGetsLinuxsErrno(String harts, String engine) {
        CommandRun r = run(harts, engine, "bad-syscalls");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("bad-syscalls ok checks=39").doesNotContain("FAIL");
    }

    @ParameterizedTest(name = "{0} harts, {1}")
    @CsvSource({"1, deterministic", "4, deterministic", "4, parallel"})
    void thousandsOfThreadsComeAndGoAndABurstStopsAtTheThreadLimit(String harts, String engine) {
        CommandRun r = run(harts, engine, "many-threads", "2000", "16", "1100");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("many-threads total=2000 sum=2001000 expected=2001000",
                "burst created=" + (Processes.MAX_THREADS - 1) + " eagain=1");
    }
}
