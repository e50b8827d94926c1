package org.hartlab.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hartlab.tools.gdb.RspClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code gdb [PORT]}: the shell lends its running machine to a debugger and takes it back. */
@Timeout(120)
class ShellGdbTest {
    private static final String FOREVER = "run cow-race 100000000 &\n";

    @TempDir
    Path dir;

    private CompletableFuture<ShellTranscript> shellInBackground(String script) {
        // its own thread: the common pool may have a single worker on a small machine
        CompletableFuture<ShellTranscript> done = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> done.complete(ShellTranscript.of(dir.resolve("history"), script)));
        return done;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A protocol client once the shell listens (it boots first). */
    static RspClient connect(int port, CompletableFuture<ShellTranscript> shell) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return new RspClient(new InetSocketAddress("127.0.0.1", port));
            } catch (ConnectException e) {
                if (System.nanoTime() > deadline || shell.isDone()) {
                    fail("the shell never listened on " + port + (shell.isDone() ? ":\n" + shell.get() : ""));
                }
                Thread.sleep(50);
            }
        }
    }

    @Test
    void gdbStopsTheRunningMachineAndADetachGivesItBack() throws Exception {
        int port = freePort();
        var shell = shellInBackground(FOREVER + "gdb " + port + "\nps\nkill 1\n");
        try (RspClient gdb = connect(port, shell)) {
            assertThat(gdb.ask("qfThreadInfo")).isEqualTo("m1,2,3,4");
            assertThat(gdb.ask("qThreadExtraInfo,2")).as("hart 1 described")
                    .satisfies(hex -> assertThat(new String(java.util.HexFormat.of().parseHex(hex),
                            StandardCharsets.UTF_8)).startsWith("hart 1 "));
            String pcBefore = gdb.ask("p20");
            assertThat(gdb.ask("p20")).as("stopped: the pc stays").isEqualTo(pcBefore);
            assertThat(gdb.ask("D")).isEqualTo("OK");
        }
        ShellTranscript t = shell.get(60, TimeUnit.SECONDS);
        assertThat(t.text()).contains("gdb: listening on 127.0.0.1:" + port)
                .contains("gdb: detached; the machine runs on")
                // on a hart, or about to be: the ps comes right after the detach, perhaps before any hart took it
                .containsPattern("\n1 +- +(running|runnable) +\\d+ .*cow-race &\n");
    }

    @Test
    void aBackgroundJobIsReportedDoneWhenGdbKillsTheMachine() throws Exception {
        int port = freePort();
        var shell = shellInBackground(FOREVER + "gdb " + port + "\nps\n");
        try (RspClient gdb = connect(port, shell)) {
            gdb.kill();
        }
        ShellTranscript t = shell.get(60, TimeUnit.SECONDS);
        assertThat(t.text()).contains("gdb: killed from gdb; type boot for a new machine\n",
                "[1] done: cow-race 100000000 (the machine powered off, status 137)\n");
    }

    @Test
    void ctrlCEndsTheServingAndTheMachineRunsOn() {
        ShellTranscript t = ShellTranscript.of(dir.resolve("history"), "gdb 0\n\u0003harts\n");
        assertThat(t.output(0)).startsWith("gdb: listening on 127.0.0.1:").endsWith(
                "gdb: serving ended; the machine runs on\n");
        assertThat(t.output(1)).startsWith("HART  STATE");
    }

    @Test
    void aPortOutOfRangeOrInUseIsOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ShellTranscript t = ShellTranscript.of(dir.resolve("history"),
                    "gdb 70000\ngdb " + taken.getLocalPort() + "\nharts\n");
            assertThat(t.output(0)).isEqualTo("gdb: PORT must be 0..65535, got 70000\n");
            assertThat(t.output(1)).startsWith("gdb: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .doesNotContain("Exception").hasLineCount(1);
            assertThat(t.output(2)).startsWith("HART  STATE");
        }
    }

    /** The real debugger: gdb-multiarch breaks inside the shell's running cow-race and detaches. */
    @Test
    void realGdbBreaksInAProgramTheShellRuns() throws Exception {
        Path gdbProgram = org.hartlab.tools.RequiredTool.require("gdb-multiarch", "gdb-multiarch");
        int port = freePort();
        var shell = shellInBackground(FOREVER + "gdb " + port + "\nkill 1\n");
        connect(port, shell).close(); // listening now; the server takes the next debugger
        Path elf = ShellTranscript.ROOT.resolve("kernel-mini/src/main/resources/programs/cow-race.elf");
        // rt_barrier_wait: every thread of cow-race calls it every iteration (thread entry points ran long ago)
        Path log = dir.resolve("gdb.log");
        Process p = new ProcessBuilder(List.of(gdbProgram.toString(), "-batch", "-nx", "-ex", "set pagination off",
                "-ex", "file " + elf, "-ex", "target remote 127.0.0.1:" + port, "-ex", "break rt_barrier_wait",
                "-ex", "continue", "-ex", "info threads", "-ex", "delete", "-ex", "detach"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String out = java.nio.file.Files.readString(log);
        assertThat(finished).as(out).isTrue();
        assertThat(out).contains("Breakpoint 1, ").contains("rt_barrier_wait")
                .containsPattern("U-mode pc=0x[0-9a-f]+ pid 1 tid \\d+ \\(cow-race\\)");
        assertThat(shell.get(60, TimeUnit.SECONDS).text()).contains("gdb: detached; the machine runs on");
    }
}
