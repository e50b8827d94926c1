package org.hartlab.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * Ctrl-C on a foreground job sends SIGINT to every process of it, as a terminal does to the process group: cow-race
 * forks a child each iteration that lingers until cow-race itself tells it the race is over, so killing cow-race
 * alone would leave that child running forever. The keys go through a dumb terminal; the test types Ctrl-C once
 * such a child exists.
 */
@Timeout(120)
class CtrlCJobTest {
    @Test
    void ctrlCEndsEveryProcessOfTheForegroundJobAndThenTheMachineIdles() throws Exception {
        withShell((keys, screen, session, commands) -> {
            Thread shell = Thread.ofPlatform().start(() -> execute(commands, session, "run cow-race"));
            // A live child: the one before it may have ended (a zombie still in the table) while the next is unforked
            awaitCondition("cow-race forked a child that is running", () -> session.paused(() -> session.kernel()
                    .processTable().values().stream().anyMatch(p -> p.pid() != 1 && !p.exited())));
            keys.write(3); // Ctrl-C
            keys.flush();
            shell.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(shell.isAlive()).as("the run command returned").isFalse();
            String run = text(screen);
            // The machine runs on between the check above and the key's arrival, so the child seen may have ended
            // and the next one not yet been forked: how many others the kill found depends on host timing. That
            // none is left afterwards (ps below) does not.
            assertThat(run).containsPattern("pid 1 \\(cow-race\\): killed by signal 2 \\(Ctrl-C(, with 1 more process"
                    + " of its job)?\\)\n");

            execute(commands, session, "ps");
            execute(commands, session, "harts");
            String after = text(screen).substring(run.length());
            assertThat(after).startsWith("no processes\n");
            List<String> harts = after.lines().skip(2).toList();
            assertThat(harts).as("every hart waits for an interrupt in the idle loop").hasSize(4)
                    .allSatisfy(row -> assertThat(row).matches("\\d +wfi +S +0x80000004 +- +- +.*"));
            assertThat(session.machineQuiet()).as("the machine has nothing left to run").isTrue();
        });
    }

    @Test
    void aJobThatHandlesSigintRunsItsHandlerAndASecondCtrlCKillsIt() throws Exception {
        withShell((keys, screen, session, commands) -> {
            Thread shell = Thread.ofPlatform().start(() -> execute(commands, session, "run glibc-sigint"));
            awaitCondition("the program is ready", () -> text(screen).contains("ready\n"));
            keys.write(3);
            keys.flush();
            awaitCondition("its handler ran", () -> text(screen).contains("SIGINT 1\n"));
            assertThat(shell.isAlive()).as("the job handled SIGINT and runs on").isTrue();
            keys.write(3);
            keys.flush();
            shell.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(shell.isAlive()).as("the run command returned").isFalse();
            assertThat(text(screen)).contains("pid 1 (glibc-sigint): killed by signal 9 (Ctrl-C)\n")
                    .doesNotContain("SIGINT 2");
        });
    }

    /** What a test does with a booted shell session on a dumb terminal: its keys, its screen. */
    private interface ShellBody {
        void run(PipedOutputStream keys, ByteArrayOutputStream screen, ShellSession session, CommandLine commands)
                throws Exception;
    }

    private static void withShell(ShellBody body) throws Exception {
        PipedOutputStream keys = new PipedOutputStream();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = new DumbTerminal("test", "dumb", new PipedInputStream(keys), screen,
                StandardCharsets.UTF_8);
             ShellSession session = new ShellSession(terminal, new GuestConsole(terminal))) {
            CommandLine commands = HartlabShell.commandLine(session);
            session.boot(BootSettings.defaults());
            body.run(keys, screen, session, commands);
        }
    }

    private static void execute(CommandLine commands, ShellSession session, String line) {
        HartlabShell.execute(commands, session, new ArrayList<>(List.of(line.split(" "))), line);
    }

    private static String text(ByteArrayOutputStream screen) {
        return screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private static void awaitCondition(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(5);
        }
    }
}
