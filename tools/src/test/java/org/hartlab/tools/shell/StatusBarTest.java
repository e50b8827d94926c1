package org.hartlab.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The status bar while a guest runs, and Ctrl-C on a terminal that turns it into a signal. */
@Timeout(120)
class StatusBarTest {
    @TempDir
    Path dir;

    @Test
    void theTextNamesWhatRunsAndHowFast() {
        assertThat(StatusBar.text("pid 3 (pingpong)", 12_345_678))
                .isEqualTo("running pid 3 (pingpong) | 12.3 M instructions/s | Ctrl-C stops it");
    }

    @Test
    void ratesGetAMetricPrefix() {
        assertThat(StatusBar.rate(950)).isEqualTo("950");
        assertThat(StatusBar.rate(12_500)).isEqualTo("12.5 k");
        assertThat(StatusBar.rate(3_200_000)).isEqualTo("3.2 M");
        assertThat(StatusBar.rate(1_100_000_000)).isEqualTo("1.1 G");
    }

    @Test
    void anXtermShowsTheStatusBarAndCtrlCStopsTheGuest() throws Exception {
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream input = new PipedInputStream(keys);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = new ExternalTerminal("test", "xterm-256color", input, screen, StandardCharsets.UTF_8)) {
            terminal.setSize(new Size(120, 24));
            Thread shell = Thread.ofPlatform().start(
                    () -> new HartlabShell(terminal, dir.resolve("history"), ShellTranscript.ROOT).run());
            type(keys, "run pingpong 100000000\r");
            awaitScreen(screen, "running pid 1 (pingpong) | ");
            type(keys, "\u0003");
            awaitScreen(screen, "pid 1 (pingpong): killed by signal 2 (Ctrl-C)");
            awaitPrompts(screen, 2);
            type(keys, "run he");
            awaitScreen(screen, "hartlab> run he");
            type(keys, "\u0003"); // at the prompt Ctrl-C only drops the line
            awaitPrompts(screen, 3);
            type(keys, "ps\r");
            awaitScreen(screen, "no processes"); // the shell reaped it
            type(keys, "\u0004");
            shell.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(shell.isAlive()).isFalse();
        }
        assertThat(screen.toString(StandardCharsets.UTF_8)).doesNotContain("hello from hartlab");
    }

    @Test
    void waitsStatusBarSaysCtrlCStopsTheWaitingAndClearClearsTheScreen() throws Exception {
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream input = new PipedInputStream(keys);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = new ExternalTerminal("test", "xterm-256color", input, screen, StandardCharsets.UTF_8)) {
            terminal.setSize(new Size(120, 24));
            Thread shell = Thread.ofPlatform().start(
                    () -> new HartlabShell(terminal, dir.resolve("history"), ShellTranscript.ROOT).run());
            type(keys, "run pingpong 100000000 &\r");
            awaitPrompts(screen, 2);
            type(keys, "wait\r");
            awaitScreen(screen, "waiting for background jobs | ");
            awaitScreen(screen, " instructions/s | Ctrl-C stops waiting (the jobs run on)");
            type(keys, "\u0003");
            awaitScreen(screen, "wait: stopped waiting (Ctrl-C); the jobs run on");
            awaitPrompts(screen, 3);
            type(keys, "clear\r");
            awaitScreen(screen, "\u001b[H\u001b[2J");
            type(keys, "\u0004");
            shell.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(shell.isAlive()).isFalse();
        }
    }

    private static void awaitPrompts(ByteArrayOutputStream screen, int count) throws InterruptedException {
        String prompt = HartlabShell.PROMPT;
        String many = (prompt + ".*").repeat(count - 1) + prompt;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!java.util.regex.Pattern.compile(many, java.util.regex.Pattern.DOTALL)
                .matcher(screen.toString(StandardCharsets.UTF_8)).find()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " prompts");
            }
            Thread.sleep(10);
        }
    }

    private static void type(PipedOutputStream keys, String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    private static void awaitScreen(ByteArrayOutputStream screen, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!screen.toString(StandardCharsets.UTF_8).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' on the screen:\n"
                        + screen.toString(StandardCharsets.UTF_8).replace("\u001b", "ESC"));
            }
            Thread.sleep(10);
        }
    }
}
