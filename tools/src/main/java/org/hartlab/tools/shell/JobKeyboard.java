package org.hartlab.tools.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hartlab.kernel.file.TerminalInput;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.utils.NonBlockingReader;

/**
 * The shell's terminal as the foreground job's keyboard: the line discipline a terminal in canonical mode gives a
 * program, done here because the shell owns the terminal. Keys are taken only while the job waits to read
 * ({@link TerminalInput#readWaiting}); what is typed ahead otherwise stays for the next prompt, as under a Unix
 * shell whose job does not read. A line goes to the job at Enter; Backspace edits it; Ctrl-D sends the line typed
 * so far, or an end of file on an empty line; Ctrl-C is the job's interrupt. On a real terminal the keys are read
 * without the tty's own echo and line editing (which would keep a Ctrl-D from ever reaching us) and echoed here;
 * from a pipe (a dumb terminal) nothing is echoed and the end of the shell's input is the job's end of file.
 */
final class JobKeyboard implements AutoCloseable {
    private static final int CTRL_C = 3, CTRL_D = 4, BACKSPACE = 8, DELETE = 127;
    /** How long to wait for the rest of a line that is coming through a pipe before waiting a poll period again. */
    private static final long NEXT_KEY_MILLIS = 1;

    private final Terminal terminal;
    private final TerminalInput input;
    /** The terminal's attributes before the keys were read one by one; null for a dumb terminal, never echoed. */
    private final Attributes saved;
    private final StringBuilder line = new StringBuilder();

    JobKeyboard(Terminal terminal, TerminalInput input) {
        this.terminal = terminal;
        this.input = input;
        if (!(terminal instanceof DumbTerminal)) {
            saved = terminal.getAttributes();
            Attributes keys = new Attributes(saved);
            keys.setLocalFlag(Attributes.LocalFlag.ICANON, false);
            keys.setLocalFlag(Attributes.LocalFlag.ECHO, false);
            keys.setControlChar(Attributes.ControlChar.VMIN, 1);
            keys.setControlChar(Attributes.ControlChar.VTIME, 0);
            terminal.setAttributes(keys); // ISIG stays: Ctrl-C still arrives as SIGINT
        } else {
            saved = null;
        }
    }

    /** Whether the job waits for keys: then {@link #take} is the poll period's wait. */
    boolean wanted() {
        return input.readWaiting();
    }

    /**
     * Waits up to {@code millis} for keys and hands the job what they make of its input; returns whether Ctrl-C
     * came as a character (a dumb terminal's, or a real one's while it is read as keys).
     */
    boolean take(long millis) throws IOException {
        NonBlockingReader reader = terminal.reader();
        int c = reader.read(millis);
        while (c != NonBlockingReader.READ_EXPIRED) {
            if (c == NonBlockingReader.EOF) {
                send();
                input.endOfFile(); // the shell's own input ended: so does the job's
                return false;
            }
            if (c == CTRL_C) {
                line.setLength(0);
                return true;
            }
            if (key(c)) {
                return false; // a line went to the job: let it read before taking more
            }
            c = reader.read(NEXT_KEY_MILLIS);
        }
        return false;
    }

    /** One key of the line being typed; true once it sent the job something. */
    private boolean key(int c) {
        switch (c) {
            case CTRL_D -> {
                if (line.isEmpty()) {
                    input.endOfFile();
                } else {
                    send();
                }
                return true;
            }
            case BACKSPACE, DELETE -> {
                if (!line.isEmpty()) {
                    line.setLength(line.length() - 1);
                    show("\b \b");
                }
                return false;
            }
            case '\r', '\n' -> {
                line.append('\n');
                show("\n");
                send();
                return true;
            }
            default -> {
                line.append((char) c);
                show(String.valueOf((char) c));
                return false;
            }
        }
    }

    /** Hands the job the line typed so far, if any. */
    private void send() {
        if (!line.isEmpty()) {
            input.offer(line.toString().getBytes(StandardCharsets.UTF_8));
            line.setLength(0);
        }
    }

    private void show(String s) {
        if (saved != null) {
            terminal.writer().print(s);
            terminal.writer().flush();
        }
    }

    /** The job left the foreground: no more keys for it (its reads end), and the terminal is as it was. */
    @Override
    public void close() {
        input.hangUp();
        if (saved != null) {
            terminal.setAttributes(saved);
        }
    }
}
