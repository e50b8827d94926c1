package org.hartlab.tools.stress;

import java.io.Console;
import java.io.PrintWriter;

/** The {@link StressProgress} line, redrawn with carriage returns on stderr. Only on a terminal. */
final class ProgressBar implements Progress {
    private static final long REDRAW_NANOS = 100_000_000;

    private final PrintWriter out;
    private final StressProgress progress;
    // guarded by this
    private long lastDraw;
    private int lastLength;

    private ProgressBar(PrintWriter out, StressProgress progress) {
        this.out = out;
        this.progress = progress;
    }

    /** A bar on {@code out} when the JVM talks to a terminal; else only the counting. */
    static Progress forTerminal(PrintWriter out, StressProgress progress) {
        Console console = System.console();
        return console != null && console.isTerminal() ? new ProgressBar(out, progress) : progress;
    }

    @Override
    public synchronized void advanced(SeedResult result) {
        progress.advanced(result);
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS || progress.complete()) {
            lastDraw = now;
            String line = progress.line();
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            out.flush();
            lastLength = line.length();
        }
    }

    @Override
    public synchronized void finished() {
        out.print("\r" + " ".repeat(lastLength) + "\r");
        out.flush();
    }
}
