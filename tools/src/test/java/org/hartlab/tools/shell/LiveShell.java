package org.hartlab.tools.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

/**
 * A shell on a dumb terminal that a test talks to one command at a time, so it can ask again until the machine has
 * got somewhere (a scripted {@link ShellTranscript} must guess in advance how many times to ask).
 */
final class LiveShell implements AutoCloseable {
    /** Far above what any command here takes, even on a loaded host. */
    private static final long BOUND_SECONDS = 60;

    private final PipedOutputStream keys = new PipedOutputStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final Terminal terminal;
    private final Thread shell;
    private int prompts;

    LiveShell(Path historyFile) throws IOException {
        terminal = new DumbTerminal("test", "dumb", new PipedInputStream(keys, 1 << 16), screen,
                StandardCharsets.UTF_8);
        shell = Thread.ofPlatform().daemon().start(
                () -> new HartlabShell(terminal, historyFile, ShellTranscript.ROOT).run(BootSettings.defaults()));
        awaitPrompt();
    }

    /** Types {@code command} and returns what it printed, up to the next prompt. */
    String ask(String command) {
        type(command + "\n");
        awaitPrompt();
        // as ShellTranscript.output: what lies between the last two prompts (no job here prints above a prompt)
        String[] parts = screenText().split(java.util.regex.Pattern.quote(HartlabShell.PROMPT), -1);
        return parts[prompts - 1];
    }

    /**
     * Asks {@code command} (cycling through them) until an answer satisfies {@code wanted}; returns that answer.
     * Fails, with every answer, if none did within the bound.
     */
    String askUntil(Predicate<String> wanted, String... commands) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        StringBuilder answers = new StringBuilder();
        for (int i = 0; System.nanoTime() < deadline; i++) {
            String answer = ask(commands[i % commands.length]);
            if (wanted.test(answer)) {
                return answer;
            }
            if (answers.length() < 20_000) {
                answers.append(answer);
            }
        }
        throw new AssertionError("no wanted answer within " + BOUND_SECONDS + " s; answers:\n" + answers);
    }

    @Override
    public void close() throws Exception {
        keys.close(); // end of input: the shell leaves as on Ctrl-D
        shell.join(TimeUnit.SECONDS.toMillis(BOUND_SECONDS));
        terminal.close();
    }

    private void type(String text) {
        try {
            keys.write(text.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitPrompt() {
        prompts++;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (count(screenText(), HartlabShell.PROMPT) < prompts) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no prompt number " + prompts + " within " + BOUND_SECONDS + " s:\n"
                        + screenText());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for the shell", e);
            }
        }
    }

    private String screenText() {
        return screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private static int count(String text, String marker) {
        int n = 0;
        for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length())) {
            n++;
        }
        return n;
    }
}
