package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real gdb-multiarch attached to {@code hartlab run --gdb PORT cow-race}: a breakpoint on a function of the
 * guest program stops inside that process, on whichever hart runs the thread, and gdb's thread list names the
 * process and thread each hart runs; {@code monitor stale on} stops it before a stale access.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GdbKernelTest {
    private static final Path COW_RACE = TestPaths.ROOT.resolve("kernel-mini/src/main/resources/programs/cow-race.elf");

    @Test
    void breakpointInsideAGuestProcessStopsThereAndThreadsNameThePid() throws Exception {
        Path gdb = RequiredTool.require("gdb-multiarch", "gdb-multiarch");
        try (GdbSession hartlab = GdbSession.kernel("--harts", "4", "cow-race", "3")) {
            List<String> cmd = new ArrayList<>(List.of(gdb.toString(), "-batch", "-nx", "-ex", "set pagination off",
                    "-ex", "set confirm off", "-ex", "set tcp connect-timeout 30", "-ex", "file " + COW_RACE,
                    "-ex", "target remote 127.0.0.1:" + hartlab.port, "-ex", "break thread_b", "-ex", "continue",
                    "-ex", "info threads", "-ex", "p $pc == thread_b", "-ex", "delete", "-ex", "continue"));
            String out = HostCommand.run(cmd, 90, TimeUnit.SECONDS).output();
            assertThat(out).contains("Breakpoint 1, ").contains("thread_b");
            assertThat(out).containsPattern("U-mode pc=0x[0-9a-f]+ pid 1 tid \\d+ \\(cow-race\\)");
            assertThat(out).contains("$1 = 1");
            assertThat(hartlab.result().exitCode()).as("cow-race ran to its end after the breakpoint").isZero();
        }
    }

    /** {@code monitor stale on}: continue stops before the first access through a stale TLB entry, in user mode. */
    @Test
    void monitorStaleOnStopsBeforeAStaleAccess() throws Exception {
        Path gdb = RequiredTool.require("gdb-multiarch", "gdb-multiarch");
        try (GdbSession hartlab = GdbSession.kernel("--harts", "4", "--strategy", "naive", "cow-race", "3")) {
            List<String> cmd = new ArrayList<>(List.of(gdb.toString(), "-batch", "-nx", "-ex", "set pagination off",
                    "-ex", "set confirm off", "-ex", "set tcp connect-timeout 30", "-ex", "file " + COW_RACE,
                    "-ex", "target remote 127.0.0.1:" + hartlab.port, "-ex", "monitor stale on", "-ex", "continue",
                    "-ex", "info threads", "-ex", "monitor stale off", "-ex", "continue"));
            String out = HostCommand.run(cmd, 90, TimeUnit.SECONDS).output();
            assertThat(out).contains("continue and step now stop before an access through a stale TLB entry");
            Matcher stop = Pattern.compile("hartlab: stopped before a stale access, hart (\\d+), pc 0x([0-9a-f]+): "
                    + "(load|store|atomic) of 0x[0-9a-f]+ \\(asid \\d+\\) through a stale TLB entry: it gives pa "
                    + "0x[0-9a-f]+, the page table gives").matcher(out);
            assertThat(stop.find()).as(out).isTrue();
            assertThat(out).containsPattern("Thread \\d+ received signal SIGTRAP");
            assertThat(out).as("gdb's current thread is the one that made the access, in user mode, at that pc")
                    .containsPattern("\\* \\d+ +Thread \\d+ \\(hart " + stop.group(1) + " U-mode pc=0x" + stop.group(2)
                            + " pid \\d+ tid \\d+ \\(cow-race\\)\\)");
            assertThat(out).contains("stale accesses no longer stop the machine");
            assertThat(hartlab.result().exitCode()).as("cow-race ran to its end once the watch was off").isZero();
        }
    }
}
