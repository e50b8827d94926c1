package org.hartlab.tools.stress;

import java.io.Console;
import java.io.PrintWriter;

/**
 * A one-line progress bar redrawn with carriage returns on stderr:
 * {@code [#########...........]  120/600 seeds  3 violating  0:12  naive seed 37}. Only on a terminal.
 */
final class ProgressBar implements Progress {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000;

    private final PrintWriter out;
    private final int total;
    private final long start = System.nanoTime();
    // guarded by this
    private int done;
    private int violating;
    private long lastDraw;
    private int lastLength;

    private ProgressBar(PrintWriter out, int total) {
        this.out = out;
        this.total = total;
    }

    /** A bar on {@code out} when the JVM talks to a terminal, else {@link Progress#NONE}. */
    static Progress forTerminal(PrintWriter out, int total) {
        Console console = System.console();
        return console != null && console.isTerminal() ? new ProgressBar(out, total) : Progress.NONE;
    }

    @Override
    public synchronized void advanced(SeedResult result) {
        done++;
        if (result.violated()) {
            violating++;
        }
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS || done == total) {
            lastDraw = now;
            draw("%s seed %d".formatted(result.strategy(), result.seed()), now);
        }
    }

    private void draw(String last, long now) {
        int filled = (int) ((long) WIDTH * done / total);
        long seconds = (now - start) / 1_000_000_000L;
        String line = "[%s%s] %d/%d seeds  %d violating  %d:%02d  %s".formatted("#".repeat(filled),
                ".".repeat(WIDTH - filled), done, total, violating, seconds / 60, seconds % 60, last);
        out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        out.flush();
        lastLength = line.length();
    }

    @Override
    public synchronized void finished() {
        out.print("\r" + " ".repeat(lastLength) + "\r");
        out.flush();
    }
}
