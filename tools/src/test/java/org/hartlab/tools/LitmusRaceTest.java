package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The race in programs written as users write them (issue 16's acceptance): with default flags, {@code stress
 * PROGRAM --seeds 1..10} finds the naive order's violation on at least half the seeds of each litmus, and no fix
 * shows one. Every count is exact for its seeds (the deterministic engine replays), so the thresholds are not
 * statistical: a change to the kernel's timing or the scheduler that closes the window fails here. The
 * pthread-mutex version runs 1,200 forks instead of its default 300: its contended {@code pthread_mutex_lock}
 * puts C to sleep in futex_wait, where C takes its IPI in the kernel, so it shows the race about once in a
 * thousand forks (2 of these 10 seeds at 300 forks, 9 at 1,200; the README's race section says why).
 */
class LitmusRaceTest {
    private static final Pattern ROW = Pattern.compile("(?m)^(naive|two-stage|two-stage-mt|bbm) +10 +(\\d+) \\(");

    /** Half of seeds 1..10. */
    private static final int HALF_THE_SEEDS = 5;

    @ParameterizedTest
    @CsvSource({"litmus-spin, ''", "litmus-futex, ''", "glibc-cow-race-spin, ''", "glibc-cow-race-mutex, 1200"})
    void naiveViolatesOnAtLeastHalfTheSeedsAndNoFixEver(String program, String forks) {
        List<String> args = new ArrayList<>(List.of("stress", program, "--seeds", "1..10", "--jobs", "2"));
        if (!forks.isEmpty()) {
            args.addAll(List.of("--", forks));
        }
        CommandRun r = CommandRun.of(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        Matcher m = ROW.matcher(r.out());
        int rows = 0;
        while (m.find()) {
            rows++;
            int violating = Integer.parseInt(m.group(2));
            if (m.group(1).equals("naive")) {
                assertThat(violating).as("seeds where naive shows the race\n" + r.out())
                        .isGreaterThanOrEqualTo(HALF_THE_SEEDS);
            } else {
                assertThat(violating).as(m.group(1) + " must never show it\n" + r.out()).isZero();
            }
        }
        assertThat(rows).as(r.out()).isEqualTo(4);
    }
}
