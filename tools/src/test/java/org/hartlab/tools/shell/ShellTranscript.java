package org.hartlab.tools.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

/**
 * Drives a whole shell through a dumb terminal: a script of keystrokes in, everything the terminal showed out
 * (prompts, command output, guest output). The script's end is Ctrl-D.
 */
record ShellTranscript(String text) {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static ShellTranscript of(Path historyFile, String script) {
        return of(historyFile, BootSettings.defaults(), script);
    }

    static ShellTranscript of(Path historyFile, BootSettings boot, String script) {
        return of(historyFile, boot, new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)));
    }

    static ShellTranscript of(Path historyFile, BootSettings boot, InputStream keys) {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = new DumbTerminal("test", "dumb", keys, screen, StandardCharsets.UTF_8)) {
            new HartlabShell(terminal, historyFile, ROOT).run(boot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ShellTranscript(screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    /**
     * From the last occurrence of {@code marker} to the end. Background output printed above the prompt redraws
     * it, so where jobs may print, prompts do not count commands and this finds the output instead.
     */
    String fromLast(String marker) {
        int at = text.lastIndexOf(marker);
        return at < 0 ? "" : text.substring(at);
    }

    /**
     * The output of the {@code n}th command (0-based): what follows its prompt, up to the next prompt. Valid while
     * no background job prints above a prompt (see {@link #fromLast}).
     */
    String output(int n) {
        String[] parts = text.split(java.util.regex.Pattern.quote(HartlabShell.PROMPT), -1);
        return parts[n + 1];
    }

    @Override
    public String toString() {
        return text;
    }
}
