package org.hartlab.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hartlab.core.aclint.IpiDelay;
import org.hartlab.core.engine.Engine;
import org.hartlab.kernel.KernelCosts;
import org.hartlab.kernel.vm.CowStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --stop-on-stale} and {@code --stop-on-violation} halt the machine at that moment, where {@code tlb}
 * shows the entry that served the access still STALE and {@code harts} the fault's hart still in the kernel;
 * {@code continue} lets it run on, and the halted job is reported when it ends.
 */
@Timeout(300)
class ShellHaltTest {
    private static final BootSettings NAIVE_SEED_3 = new BootSettings(4, 128, CowStrategy.NAIVE,
            Engine.Kind.DETERMINISTIC, 3, IpiDelay.parse(KernelCosts.IPI_DELAY));
    private static final Pattern STALE_HALT = Pattern.compile("halted before a stale access, hart (\\d)");

    @TempDir
    Path dir;

    @Test
    void aStaleHaltKeepsTheEntryStaleUntilContinue() {
        String first = ShellTranscript.of(dir.resolve("h1"), NAIVE_SEED_3,
                "run --stop-on-stale cow-race 200\n").toString();
        Matcher m = STALE_HALT.matcher(first);
        assertThat(m.find()).as(first).isTrue();
        String hart = m.group(1);

        String text = ShellTranscript.of(dir.resolve("h2"), NAIVE_SEED_3, "run --stop-on-stale cow-race 200\ntlb "
                + hart + "\nharts\nrun hello\ncontinue\nwait\n").toString();

        assertThat(text).as("the same seed halts at the same access").contains(m.group(0));
        assertThat(text).containsPattern("data +0x[0-9a-f]+ +0x[0-9a-f]+ +r-.*STALE \\(page table: 0x[0-9a-f]+ rw");
        assertThat(text).as("the faulting hart is still inside the kernel").containsPattern("\n\\d +kernel +S ");
        assertThat(text).contains("run: the machine is halted before a stale access");
        assertThat(text).contains("continuing from before a stale access, hart " + hart);
        assertThat(text).as("naive goes on to show the race").contains("[1] done: cow-race 200 (exit 1)");
        assertThat(text).doesNotContain("hello, world");
    }

    @Test
    void aViolationHaltStopsAtTheProgramsMarkAndContinueGoesOn() {
        String text = ShellTranscript.of(dir.resolve("h"), NAIVE_SEED_3,
                "run --stop-on-violation cow-race 200\nps\ncontinue --stop-on-violation\ncontinue\nwait\n").toString();

        assertThat(text).containsPattern("halted at hart \\d, pid 1 tid \\d \\(cow-race\\): hartlab_mark\\(\\d+, \\d+\\)");
        assertThat(text).as("the process is there to look at").containsPattern("\n1 +.*cow-race");
        assertThat(text).as("re-armed, the next mark halts again")
                .containsPattern("(?s)continuing from at hart.*halted at hart \\d, pid 1");
        assertThat(text).contains("[1] done: cow-race 200 (exit 1)");
    }

    @Test
    void continueWithoutAHaltSaysSo() {
        String text = ShellTranscript.of(dir.resolve("h"), "continue\n").toString();
        assertThat(text).contains("continue: the machine is not halted");
    }
}
