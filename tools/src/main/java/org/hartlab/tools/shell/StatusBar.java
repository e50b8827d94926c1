package org.hartlab.tools.shell;

import java.util.List;
import java.util.Locale;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Status;

/**
 * The bottom line of the terminal while a guest runs in the foreground (JLine {@link Status}): what runs and how
 * fast. Terminals without a scroll region (dumb ones) simply show nothing.
 */
final class StatusBar implements AutoCloseable {
    private final Status status;
    private final GuestConsole console;
    private boolean shown;

    StatusBar(Terminal terminal, GuestConsole console) {
        this.status = Status.getStatus(terminal);
        this.console = console;
    }

    void show(String text) {
        if (status == null) {
            return;
        }
        console.draw(() -> status.update(List.of(new AttributedString(text, AttributedStyle.INVERSE))));
        shown = true;
    }

    /** Removes the bar, giving the line back to the scrolling text. */
    @Override
    public void close() {
        if (status != null && shown) {
            console.draw(() -> status.update(List.of()));
            shown = false;
        }
    }

    /** "running hello (pid 1) | 12.5 M instructions/s | Ctrl-C stops it". */
    static String text(String what, double instructionsPerSecond) {
        return "running %s | %s instructions/s | Ctrl-C stops it".formatted(what, rate(instructionsPerSecond));
    }

    /** "waiting for background jobs | 12.5 M instructions/s | Ctrl-C stops waiting (the jobs run on)". */
    static String waitingText(String what, double instructionsPerSecond) {
        return "waiting for %s | %s instructions/s | Ctrl-C stops waiting (the jobs run on)".formatted(what,
                rate(instructionsPerSecond));
    }

    /** A rate with a metric prefix: "950", "12.5 k", "3.2 M", "1.1 G". */
    static String rate(double perSecond) {
        if (perSecond < 1e3) {
            return String.format(Locale.ROOT, "%.0f", perSecond);
        }
        if (perSecond < 1e6) {
            return String.format(Locale.ROOT, "%.1f k", perSecond / 1e3);
        }
        if (perSecond < 1e9) {
            return String.format(Locale.ROOT, "%.1f M", perSecond / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f G", perSecond / 1e9);
    }
}
