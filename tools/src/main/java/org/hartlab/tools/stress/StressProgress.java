package org.hartlab.tools.stress;

/**
 * Counts the runs of a stress run as they finish and says how far it got, in one line:
 * {@code [#########...........]  120/600 seeds  3 violating  0:12  naive seed 37}. The command line redraws it
 * on stderr ({@link ProgressBar}); the shell shows it in its status bar.
 */
public final class StressProgress implements Progress {
    private static final int WIDTH = 30;

    private final int total;
    private final long start = System.nanoTime();
    // guarded by this
    private int done;
    private int violating;
    private String last = "starting";

    StressProgress(int total) {
        this.total = total;
    }

    @Override
    public synchronized void advanced(SeedResult result) {
        done++;
        if (result.violated()) {
            violating++;
        }
        last = "%s seed %d".formatted(result.strategy(), result.seed());
    }

    @Override
    public void finished() {
    }

    synchronized boolean complete() {
        return done == total;
    }

    /** The progress so far, as one line. */
    public synchronized String line() {
        int filled = (int) ((long) WIDTH * done / Math.max(1, total));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        return "[%s%s] %d/%d seeds  %d violating  %d:%02d  %s".formatted("#".repeat(filled),
                ".".repeat(WIDTH - filled), done, total, violating, seconds / 60, seconds % 60, last);
    }
}
