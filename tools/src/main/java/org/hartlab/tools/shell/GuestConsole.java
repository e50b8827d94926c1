package org.hartlab.tools.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;

/**
 * The guest console (the machine's output stream) on the shell's terminal. While a command runs in the
 * foreground, guest bytes go straight to the terminal as they come. While the prompt waits for input, complete
 * lines are printed above the prompt, so a background job's output does not garble the line being typed, and a
 * partial line waits for its end (or for the prompt to close).
 *
 * <p>Everything the shell itself draws while a guest may be writing (the status bar) goes through
 * {@link #draw}, under the same lock, so escape sequences and guest bytes never interleave.
 */
final class GuestConsole extends OutputStream {
    private final Terminal terminal;
    // guarded by this
    private LineReader prompt;
    private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();

    GuestConsole(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        if (prompt == null) {
            writeToTerminal(bytes, offset, length);
            return;
        }
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                String line = partialLine.toString(StandardCharsets.UTF_8);
                partialLine.reset();
                prompt.printAbove(line);
            } else {
                partialLine.write(bytes[i]);
            }
        }
    }

    @Override
    public synchronized void flush() {
        terminal.flush();
    }

    /** The prompt is about to read a line with {@code reader}: guest output goes above it from now on. */
    synchronized void promptOpened(LineReader reader) {
        prompt = reader;
    }

    /** The prompt has read its line: guest output goes straight to the terminal again. */
    synchronized void promptClosed() {
        prompt = null;
        if (partialLine.size() > 0) {
            byte[] rest = partialLine.toByteArray();
            partialLine.reset();
            writeToTerminal(rest, 0, rest.length);
        }
    }

    /** Runs {@code drawing} (terminal output of the shell's own) without guest bytes in the middle of it. */
    synchronized void draw(Runnable drawing) {
        drawing.run();
    }

    private void writeToTerminal(byte[] bytes, int offset, int length) {
        try {
            terminal.writer().flush();
            OutputStream out = terminal.output();
            out.write(bytes, offset, length);
            out.flush();
        } catch (IOException e) {
            // The terminal went away; the guest runs on regardless.
        }
    }
}
