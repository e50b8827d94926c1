package org.hartlab.tools.shell;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.utils.NonBlockingReader;

/**
 * The wait of a foreground command (a guest program, a bare-metal run): until it is done, Ctrl-C goes to it and
 * the status bar shows what runs and how fast. Keys typed meanwhile stay unread for the next prompt, unless the job
 * waits to read its terminal ({@link JobKeyboard}).
 */
final class Foreground {
    private static final long POLL_MILLIS = 20;
    private static final long STATUS_PERIOD_NANOS = 500_000_000L;
    private static final int CTRL_C = 3;

    private final Terminal terminal;
    private final GuestConsole console;
    private volatile AtomicBoolean interrupted;

    Foreground(Terminal terminal, GuestConsole console) {
        this.terminal = terminal;
        this.console = console;
        // Outside readLine (which handles Ctrl-C itself), SIGINT means: stop the foreground guest.
        terminal.handle(Terminal.Signal.INT, signal -> {
            AtomicBoolean flag = interrupted;
            if (flag != null) {
                flag.set(true);
            }
        });
    }

    /**
     * Waits until {@code done} holds, calling {@code onCtrlC} on this thread each time Ctrl-C is pressed, and
     * showing {@code statusAtRate} of the rate of {@code instructions} in the status bar, the job's reads of its
     * terminal fed from {@code keyboard} (null: the job has no terminal) while they wait. Returns whether Ctrl-C
     * was pressed.
     */
    boolean await(BooleanSupplier done, Runnable onCtrlC, DoubleFunction<String> statusAtRate,
                  LongSupplier instructions, JobKeyboard keyboard) {
        long[] last = {System.nanoTime(), instructions.getAsLong()};
        return await(done, onCtrlC, () -> {
            long now = System.nanoTime();
            long count = instructions.getAsLong();
            String text = statusAtRate.apply((count - last[1]) * 1e9 / (now - last[0]));
            last[0] = now;
            last[1] = count;
            return text;
        }, keyboard);
    }

    /** As above, with the status bar showing {@code status} (asked for twice a second). */
    boolean await(BooleanSupplier done, Runnable onCtrlC, Supplier<String> status, JobKeyboard keyboard) {
        AtomicBoolean flag = new AtomicBoolean();
        interrupted = flag;
        boolean pressed = false;
        long lastTime = System.nanoTime();
        try (StatusBar bar = new StatusBar(terminal, console)) {
            while (!done.getAsBoolean()) {
                if (flag.getAndSet(false)) {
                    pressed = true;
                    onCtrlC.run();
                }
                if (keyboard != null && keyboard.wanted()) {
                    takeKeys(keyboard, flag);
                } else {
                    waitForKey(flag);
                }
                long now = System.nanoTime();
                if (now - lastTime >= STATUS_PERIOD_NANOS) {
                    bar.show(status.get());
                    lastTime = now;
                }
            }
        } finally {
            interrupted = null;
        }
        console.flush();
        return pressed;
    }

    /**
     * Waits a poll period. A real terminal delivers Ctrl-C as SIGINT by itself; a dumb one (no tty: a pipe, a test)
     * turns it into SIGINT only when its input is read, so there the wait peeks at the input, without taking keys
     * typed ahead for the next prompt, and takes a Ctrl-C that arrives as a plain character.
     */
    private void waitForKey(AtomicBoolean flag) {
        if (!(terminal instanceof DumbTerminal)) {
            sleep();
            return;
        }
        NonBlockingReader reader = terminal.reader();
        try {
            int c = reader.peek(POLL_MILLIS);
            if (c == CTRL_C) {
                reader.read();
                flag.set(true);
            } else if (c != NonBlockingReader.READ_EXPIRED) {
                Thread.sleep(POLL_MILLIS); // type-ahead or end of input: leave it for the next prompt
            }
        } catch (IOException e) {
            sleep();
        } catch (InterruptedException e) {
            flag.set(true); // an interrupt of the shell's thread counts as Ctrl-C
        }
    }

    /** A poll period's wait spent taking keys for the job, which waits for them. */
    private void takeKeys(JobKeyboard keyboard, AtomicBoolean flag) {
        try {
            if (keyboard.take(POLL_MILLIS)) {
                flag.set(true);
            }
        } catch (IOException e) {
            sleep(); // a terminal that cannot be read gives the job nothing; Ctrl-C still comes as SIGINT
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
