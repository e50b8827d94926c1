package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hartlab.tools.gdb.RspClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real {@code gdb-multiarch -batch} against an in-process {@code hartlab bare --harts 2 --gdb PORT} running
 * guests/gdb/gdb-target.S (hart 0 calls bump() {@code rounds} times, then exits with {@code exit_code}; hart 1
 * spins). Needs gdb-multiarch (see {@link RequiredTool}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GdbEndToEndTest {
    private Path gdb;
    private GdbSession hartlab;
    /** What gdb's {@code target remote} connects to. */
    private String target;

    @BeforeEach
    void start(org.junit.jupiter.api.TestInfo test) throws IOException {
        gdb = RequiredTool.require("gdb-multiarch", "gdb-multiarch");
        hartlab = test.getTags().contains("parallel") ? new GdbSession("--harts", "2", "--engine", "parallel")
                : test.getTags().contains("wildcard") ? new GdbSession("--harts", "2", "--gdb-host", "0.0.0.0")
                : new GdbSession("--harts", "2");
        target = "127.0.0.1:" + hartlab.port;
    }

    @AfterEach
    void stop() throws Exception {
        if (hartlab != null) { // null when start() skipped the test: no gdb-multiarch
            hartlab.close();
        }
    }

    /** Runs gdb with {@code commands} after connecting; returns what it printed. */
    private String gdb(String... commands) throws Exception {
        return gdbInterruptingAfter(null, commands);
    }

    /** Like {@link #gdb}, but sends gdb SIGINT (its Ctrl-C) shortly after it prints {@code marker}. */
    private String gdbInterruptingAfter(String marker, String... commands) throws Exception {
        Process p = startGdb(commands);
        StringBuffer output = new StringBuffer();
        Thread reader = Thread.ofPlatform().daemon().start(() -> copy(p.getInputStream(), output));
        try {
            if (marker != null) {
                awaitOutput(p, output, marker);
                Thread.sleep(500); // let `continue` reach the stub and the guest run a while
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                fail("gdb did not finish within 60 s:\n" + output);
            }
            reader.join(5000);
            return output.toString();
        } finally {
            p.destroyForcibly();
        }
    }

    /** gdb-multiarch in batch mode, connected to hartlab, then running {@code commands}; output and errors merged. */
    private Process startGdb(String... commands) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(gdb.toString(), "-batch", "-nx", "-ex", "set pagination off",
                "-ex", "set confirm off", "-ex", "set tcp connect-timeout 30", "-ex", "file " + GdbSession.ELF,
                "-ex", "target remote " + target));
        for (String c : commands) {
            cmd.add("-ex");
            cmd.add(c);
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static void awaitOutput(Process p, StringBuffer output, String marker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!output.toString().contains(marker)) {
            if (System.nanoTime() > deadline || !p.isAlive()) {
                fail("gdb never printed " + marker + ":\n" + output);
            }
            Thread.sleep(20);
        }
    }

    private static void copy(InputStream in, StringBuffer out) {
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            out.append("\n[reading gdb output failed: ").append(e).append("]\n");
        }
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("/" + regex + "/ in:\n" + text).isTrue();
        return m.group(1);
    }

    @Test
    void infoThreadsListsEachHartAsAThread() throws Exception {
        String out = gdb("info threads", "kill");
        assertThat(out).contains("Thread 1 (hart 0 M-mode pc=0x80000000)", "Thread 2 (hart 1 M-mode pc=0x80000000)");
    }

    @Test
    void breakpointOnASymbolStopsThere() throws Exception {
        String out = gdb("break bump", "continue", "p/x $pc", "kill");
        String planted = group(out, "Breakpoint 1 at 0x([0-9a-f]+)");
        assertThat(out).containsPattern("Thread 1 hit Breakpoint 1, 0x0*" + planted + " in bump \\(\\)");
        assertThat(out).contains("$1 = 0x" + planted);
    }

    @Test
    void stepiMovesOneInstructionWithTheDefaultOsAbi() throws Exception {
        // GDB's default (GNU/Linux) osabi single-steps RISC-V in software: a breakpoint on the next pc, continue
        String out = gdb("stepi", "p/x $pc", "stepi", "p/x $pc", "kill");
        assertThat(out).contains("$1 = 0x80000004", "$2 = 0x80000008");
    }

    @Test
    void stepiMovesOneInstructionWithOsAbiNone() throws Exception {
        // with osabi none GDB asks the stub to step (vCont;s)
        String out = gdb("set osabi none", "stepi", "p/x $pc", "stepi", "p/x $pc", "kill");
        assertThat(out).contains("$1 = 0x80000004", "$2 = 0x80000008");
    }

    @Test
    void registersAreReadAndWrittenPerThread() throws Exception {
        String out = gdb("p $a0", "set $a0=5", "p $a0", "thread 2", "p $a0", "p $pc", "thread 1", "p $a0",
                "p/x $mhartid", "kill");
        assertThat(out).contains("$1 = 0", "$2 = 5", "$3 = 1", "$4 = (void (*)()) 0x80000000 <_start>", "$5 = 5",
                "$6 = 0x0");
    }

    @Test
    void memoryIsReadAndWritten() throws Exception {
        String out = gdb("x/4xw &counter", "set *(int*)&counter = 0x1234", "x/2xw &counter", "p *(long*)&rounds",
                "kill");
        assertThat(out).containsPattern("<counter>:\\s+0x00000000\\s+0x00000000\\s+0x00000000\\s+0x00000000");
        assertThat(out).containsPattern("<counter>:\\s+0x00001234\\s+0x00000000");
        assertThat(out).contains("$1 = 1000");
    }

    @Test
    void watchpointStopsOnTheInstructionThatWrites() throws Exception {
        String out = gdb("watch *(long*)&counter", "continue", "p (long)$pc - (long)&bump_store", "kill");
        assertThat(out).contains("Hardware watchpoint 1: *(long*)&counter", "Thread 1 hit Hardware watchpoint 1",
                "Old value = 0", "New value = 1");
        assertThat(out).as("stopped just after the sd at bump_store").contains("$1 = 4");
    }

    /**
     * gdb steps over the breakpoint at the store (breakpoint out, one step, breakpoint back) before it continues:
     * the store of that step must trip the watchpoint. Each round then stops at the breakpoint, before the store,
     * and the continue after it at the watchpoint: the same stops, in the same order, as under QEMU's stub.
     */
    @Test
    void watchpointFiresOnTheStoreOfGdbsStepOverABreakpoint() throws Exception {
        String out = gdb("break *bump_store", "continue", "watch *(long *)&counter", "continue",
                "p (long)$pc - (long)&bump_store", "continue", "p *(long *)&counter", "continue",
                "p (long)$pc - (long)&bump_store", "kill");
        assertThat(out).containsSubsequence("Thread 1 hit Breakpoint 1", "Hardware watchpoint 2: *(long *)&counter",
                "Thread 1 hit Hardware watchpoint 2: *(long *)&counter", "Old value = 0", "New value = 1", "$1 = 4",
                "Thread 1 hit Breakpoint 1", "$2 = 1",
                "Thread 1 hit Hardware watchpoint 2: *(long *)&counter", "Old value = 1", "New value = 2", "$3 = 4");
        assertThat(out.split("hit Breakpoint 1", -1)).as("the breakpoint hit twice, once per round").hasSize(3);
    }

    @Test
    void stepiOverAWatchedStoreReportsTheWatchpoint() throws Exception {
        String out = gdb("break *bump_store", "continue", "watch *(long *)&counter", "stepi",
                "p (long)$pc - (long)&bump_store", "p *(long *)&counter", "kill");
        assertThat(out).containsSubsequence("Thread 1 hit Breakpoint 1",
                "Thread 1 hit Hardware watchpoint 2: *(long *)&counter", "Old value = 0", "New value = 1",
                "$1 = 4", "$2 = 1");
    }

    @Test
    void aSecondGdbIsToldWhyItIsTurnedAway() throws Exception {
        try (RspClient first = hartlab.connect()) {
            assertThat(first.ask("qC")).isEqualTo("QC1");
            String out = gdb("info threads");
            assertThat(out).contains("hartlab: another debugger is attached; one debugger at a time");
            assertThat(first.ask("qC")).as("the first session goes on").isEqualTo("QC1");
            first.kill();
        }
    }

    @Test
    void monitorCommandsPrintTheirOutput() throws Exception {
        String out = gdb("monitor tlb 0", "monitor harts", "kill");
        assertThat(out).contains("hart 0: TLB empty", "hart 1 M-mode pc=0x80000000");
    }

    @Test
    void interruptStopsARunningGuest() throws Exception {
        String out = gdbInterruptingAfter("RUNNING", "set *(long*)&rounds = 0x7fffffffffff", "echo RUNNING\\n",
                "continue", "p *(long*)&counter", "info threads", "kill");
        assertThat(out).contains("received signal SIGINT, Interrupt.");
        assertThat(Long.parseLong(group(out, "\\$1 = (\\d+)"))).as("bump() ran").isPositive();
        CommandRun run = hartlab.result();
        assertThat(run.exitCode()).isEqualTo(130);
    }

    @Test
    void guestExitEndsTheSessionWithItsCode() throws Exception {
        String out = gdb("set *(long*)&rounds = 3", "set *(long*)&exit_code = 7", "continue");
        assertThat(out).contains("[Inferior 1 (Remote target) exited with code 07]");
        assertThat(hartlab.result().exitCode()).isEqualTo(7);
    }

    @Test
    void detachLetsTheGuestRunToItsEnd() throws Exception {
        String out = gdb("break bump", "continue", "set *(long*)&exit_code = 5", "detach");
        assertThat(out).contains("[Inferior 1 (Remote target) detached]");
        assertThat(hartlab.result().exitCode()).as("the breakpoint is gone and the guest exits").isEqualTo(5);
    }

    /** The parallel engine too: every hart stops when one hits the breakpoint, and the guest still exits. */
    @Test
    @org.junit.jupiter.api.Tag("parallel")
    void breakpointAndContinueUnderTheParallelEngine() throws Exception {
        String out = gdb("break bump", "continue", "info threads", "delete", "continue");
        assertThat(out).containsPattern("hit Breakpoint 1, 0x[0-9a-f]+ in bump \\(\\)");
        assertThat(out).contains("Thread 2 (hart 1 M-mode", "[Inferior 1 (Remote target) exited normally]");
        assertThat(hartlab.result().exitCode()).isZero();
    }

    @Test
    void killEndsTheRun() throws Exception {
        String out = gdb("stepi", "kill");
        assertThat(out).contains("[Inferior 1 (Remote target) killed]");
        CommandRun run = hartlab.result();
        assertThat(run.exitCode()).isEqualTo(130);
        assertThat(run.err()).contains("gdb server listening on 127.0.0.1:" + hartlab.port, "killed from gdb");
    }

    /** A wildcard bind prints an address gdb takes, and gdb connects with exactly that. */
    @Test
    @org.junit.jupiter.api.Tag("wildcard")
    void aWildcardHostPrintsAnAddressGdbConnectsTo() throws Exception {
        target = "localhost:" + hartlab.port;
        String out = gdb("info threads", "kill");
        assertThat(out).contains("Thread 2 (hart 1 M-mode", "[Inferior 1 (Remote target) killed]");
        CommandRun run = hartlab.result();
        assertThat(run.err()).contains("gdb server listening on every address, port " + hartlab.port,
                "(gdb: target remote " + target + ")").doesNotContain("0:0:0:0");
    }
}
