package org.hartlab.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** harts, tlb, pt and stats, through a scripted dumb terminal. */
@Timeout(120)
class ShellInspectTest {
    /** Runs until killed; prints nothing before, so prompts stay one per command. */
    private static final String FOREVER = "run cow-race 100000000 &\n";
    private static final String PERMS = "[r-][w-][x-][u-][g-][a-][d-]";

    @TempDir
    Path dir;

    private ShellTranscript shell(String script) {
        return ShellTranscript.of(dir.resolve("history"), script);
    }

    @Test
    void hartsShowsEveryHartIdleAtBoot() {
        assertThat(shell("harts\n").output(0)).isEqualTo("""
                HART  STATE  PRIV  PC          PID  TID  INSTRUCTIONS  TLB HITS
                0     idle   S     0x80000000  -    -    0             -
                1     idle   S     0x80000000  -    -    0             -
                2     idle   S     0x80000000  -    -    0             -
                3     idle   S     0x80000000  -    -    0             -
                """);
    }

    @Test
    void hartsShowsTheThreadsOfARunningProcess() throws Exception {
        try (LiveShell shell = new LiveShell(dir.resolve("history"))) {
            shell.ask(FOREVER.strip());
            // cow-race's threads loop; asked often enough, harts finds one of them on a hart, in U-mode
            String running = "(?s).*\n\\d +running +U +0x[0-9a-f]+ +1 +\\d+ +\\d+ +\\d+\\.\\d%\n.*";
            assertThat(shell.askUntil(out -> out.matches(running), "harts"))
                    .containsPattern("^HART +STATE +PRIV +PC +PID +TID +INSTRUCTIONS +TLB HITS\n");
        }
    }

    @Test
    void tlbListsEntriesWithTheirAsidAndSize() throws Exception {
        try (LiveShell shell = new LiveShell(dir.resolve("history"))) {
            shell.ask(FOREVER.strip());
            assertThat(shell.ask("tlb 0")).matches("(?s)hart 0: \\d+ entr(y|ies), \\d+ stale\n.*");
            // asked until the race has filled some hart's TLB with a user page of its ASID
            String entry = "(?s).*TLB    VA.*\n(fetch|data) +0x[0-9a-f]+ +0x[0-9a-f]+ +" + PERMS
                    + " +1 +- +4K *\n.*";
            assertThat(shell.askUntil(out -> out.matches(entry), "tlb 0", "tlb 1", "tlb 2", "tlb 3"))
                    .matches("(?s)hart \\d: \\d+ entr(y|ies), \\d+ stale\n.*");
        }
    }

    @Test
    void tlbOfAHartThatDoesNotExistPrintsOneLine() {
        assertThat(shell("tlb 4\n").output(0)).isEqualTo("tlb: no hart 4 (harts are 0..3)\n");
    }

    @Test
    void tlbOfAHartThatRanNothingIsEmpty() {
        assertThat(shell("tlb 2\n").output(0)).isEqualTo("hart 2: 0 entries, 0 stale\n");
    }

    @Test
    void ptListsTheMappingsOfAProcess() {
        String out = shell(FOREVER + "pt 1\n").output(1);
        assertThat(out).matches("(?s)pid 1 \\(cow-race\\): satp 0x8[0-9a-f]+, asid 1\n\\d+ mappings\nVA +PA +SIZE +PERMS\n.*")
                .containsPattern("\n0x10000 +0x[0-9a-f]+ +4K +r-xu-a-\n");
    }

    @Test
    void ptWalksOneAddressLevelByLevel() {
        String out = shell(FOREVER + "pt 1 0x10000\n").output(1);
        assertThat(out).containsPattern("walk of 0x10000:\n"
                + "  level 2  PTE at 0x[0-9a-f]+ = 0x[0-9a-f]{16}  pointer -> table at 0x[0-9a-f]+  \\[ppn=0x[0-9a-f]+ -------V\\]\n"
                + "  level 1  PTE at 0x[0-9a-f]+ = 0x[0-9a-f]{16}  pointer -> table at 0x[0-9a-f]+  \\[ppn=.*\\]\n"
                + "  level 0  PTE at 0x[0-9a-f]+ = 0x[0-9a-f]{16}  leaf -> 0x[0-9a-f]+ r-xu-a-  \\[ppn=0x[0-9a-f]+ -A-UX-RV\\]\n"
                + "  -> PA 0x[0-9a-f]+ \\(4K page\\)\n");
    }

    @Test
    void ptOfAnUnmappedAddressShowsWhereTheWalkStopped() {
        String out = shell(FOREVER + "pt 1 2000000000\n").output(1);
        assertThat(out).contains("walk of 0x2000000000:\n  level 2  PTE at ").containsPattern("invalid .*\n  -> fault: ");
    }

    @Test
    void ptRejectsAnAddressThatIsNotHex() {
        assertThat(shell(FOREVER + "pt 1 zz\n").output(1)).isEqualTo("pt: not a hexadecimal address: zz\n");
    }

    @Test
    void ptOfAProcessThatDoesNotExistPrintsOneLine() {
        assertThat(shell("pt 7\n").output(0)).isEqualTo("pt: no process 7\n");
    }

    @Test
    void ptOfAProcessThatEndedAndWasReapedPrintsOneLine() {
        assertThat(shell("run hello\npt 1\n").output(1)).isEqualTo("pt: no process 1\n");
    }

    @Test
    void statsCountsCopyOnWriteAfterAFork() {
        String out = shell("run fork-test\nstats\n").output(1);
        assertThat(out).startsWith("COUNTER           VALUE  DETAIL\n")
                .containsPattern("\nfaults +[1-9]\\d* +trapped from user mode [1-9]\\d*, taken by system calls on user memory \\d+\n")
                .containsPattern("\n  by kind +zero-fill \\d+, cow-copy [1-9]\\d*, upgrade \\d+, spurious \\d+ \\(all faults\\)\n")
                .containsPattern("\n  trapped +by cause: .*store/AMO page fault [1-9]\\d*.*; by outcome: resolved [1-9]")
                .containsPattern("\nbusy sleeps +\\d+ +faults that waited for a busy page")
                .containsPattern("\ncow copies +[1-9]\\d* ")
                .containsPattern("\nspurious faults +\\d+ +the TLBs counted \\d+\n")
                .containsPattern("\nipis +\\d+ +delivered \\d+, for shootdowns \\d+\n")
                .containsPattern("\nshootdowns +[1-9]\\d* +acknowledgements \\d+\n")
                .containsPattern("\nsfences +[1-9]\\d* +all \\d+, asid \\d+, va \\d+, va\\+asid \\d+\n")
                .containsPattern("\ninstructions +[1-9]\\d*\n");
    }

    @Test
    void statsFaultLinesAddUpToTheTotal() {
        String out = shell("run cow-race 50\nstats\n").output(1);
        java.util.regex.Matcher total = java.util.regex.Pattern.compile(
                "\nfaults +(\\d+) +trapped from user mode (\\d+), taken by system calls on user memory (\\d+)\n").matcher(out);
        assertThat(total.find()).as(out).isTrue();
        long faults = Long.parseLong(total.group(1));
        assertThat(Long.parseLong(total.group(2)) + Long.parseLong(total.group(3))).isEqualTo(faults);
        java.util.regex.Matcher kinds = java.util.regex.Pattern.compile(
                "\n  by kind +zero-fill (\\d+), cow-copy (\\d+), upgrade (\\d+), spurious (\\d+)(?:, refused \\(segv, no memory\\) (\\d+))? \\(all faults\\)\n")
                .matcher(out);
        assertThat(kinds.find()).as(out).isTrue();
        long sum = 0;
        for (int g = 1; g <= 5; g++) {
            sum += kinds.group(g) == null ? 0 : Long.parseLong(kinds.group(g));
        }
        assertThat(sum).as(out).isEqualTo(faults);
        java.util.regex.Matcher causes = java.util.regex.Pattern.compile("\n  trapped +by cause: (.*); by outcome: (.*)\n")
                .matcher(out);
        assertThat(causes.find()).as(out).isTrue();
        assertThat(sumOf(causes.group(1))).isEqualTo(Long.parseLong(total.group(2)));
        assertThat(sumOf(causes.group(2))).isEqualTo(Long.parseLong(total.group(2)));
    }

    private static long sumOf(String counts) {
        return java.util.Arrays.stream(counts.split(", ")).mapToLong(c -> Long.parseLong(c.replaceAll(".* ", ""))).sum();
    }

    @Test
    void statsStartAtZero() {
        assertThat(shell("stats\n").output(0))
                .containsPattern("\nfaults +0 +trapped from user mode 0, taken by system calls on user memory 0\n")
                .containsPattern("\ncow copies +0 ");
    }
}
