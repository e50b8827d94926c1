package org.hartlab.tools;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.hartlab.core.hart.Hart;

/**
 * Tells the user of a long {@code hartlab bare} run when every hart has kept to a few instructions for a long
 * time: most likely the program waits for something that never comes (above all, harts this machine lacks:
 * a program written for four harts run with {@code --harts 2} spins until the instruction limit, which takes
 * minutes). It only says so, once; the run goes on.
 *
 * <p>Only machines of several harts are watched: one hart alone in a small loop for long is most often a benchmark's
 * loop, not a wait. A daemon thread samples each hart's pc and progress a few times a second; it reads them without
 * synchronisation, which may see slightly old values: the hint needs no more. The decision is {@link #sample}, a pure
 * function of the samples.
 */
final class SpinWatch implements AutoCloseable {
    /** Instructions (all harts together) every hart must spend within {@link #SPAN} bytes before the hint. */
    static final long SPIN_INSTRUCTIONS = 500_000_000L;
    /** The widest pc range, per hart, that still counts as the same few instructions. */
    static final long SPAN = 64;
    private static final long PERIOD_MS = 250;

    private final long[] low;
    private final long[] high;
    private long windowStart = -1;
    private boolean told;
    private final Thread thread;

    /** A decision object only, for {@code harts} harts; {@link #watch} also starts the sampling thread. */
    SpinWatch(int harts) {
        this.low = new long[harts];
        this.high = new long[harts];
        this.thread = null;
    }

    private SpinWatch(List<Hart> harts, PrintWriter err) {
        this.low = new long[harts.size()];
        this.high = new long[harts.size()];
        this.thread = Thread.ofPlatform().daemon().name("spin-watch").start(() -> loop(harts, err));
    }

    /** Watches {@code harts} if there are several; a single hart gets a watch that does nothing. */
    static SpinWatch watch(List<Hart> harts, PrintWriter err) {
        return harts.size() > 1 ? new SpinWatch(harts, err) : new SpinWatch(harts.size());
    }

    private void loop(List<Hart> harts, PrintWriter err) {
        long[] pcs = new long[harts.size()];
        try {
            while (!told) {
                TimeUnit.MILLISECONDS.sleep(PERIOD_MS);
                long progress = 0;
                for (Hart h : harts) {
                    pcs[h.id()] = h.pc();
                    progress += h.progress();
                }
                if (sample(progress, pcs)) {
                    err.println(hint(pcs.length));
                    err.flush();
                }
            }
        } catch (InterruptedException e) {
            // closed: the run is over
        }
    }

    /**
     * Takes one sample: the harts' progress summed and each hart's pc. Returns true, once, when every hart has
     * stayed within {@link #SPAN} bytes of code for the last {@link #SPIN_INSTRUCTIONS} or more.
     */
    boolean sample(long progress, long[] pcs) {
        boolean inWindow = windowStart >= 0;
        for (int i = 0; i < pcs.length && inWindow; i++) {
            inWindow = Math.max(high[i], pcs[i]) - Math.min(low[i], pcs[i]) < SPAN;
        }
        if (!inWindow) {
            windowStart = progress;
            for (int i = 0; i < pcs.length; i++) {
                low[i] = pcs[i];
                high[i] = pcs[i];
            }
            return false;
        }
        for (int i = 0; i < pcs.length; i++) {
            low[i] = Math.min(low[i], pcs[i]);
            high[i] = Math.max(high[i], pcs[i]);
        }
        if (told || progress - windowStart < SPIN_INSTRUCTIONS) {
            return false;
        }
        told = true;
        return true;
    }

    /** What {@link #sample}'s true means, for a machine of {@code harts} harts. */
    String hint(int harts) {
        String where = java.util.stream.IntStream.range(0, low.length)
                .mapToObj(i -> "hart %d at 0x%x..0x%x".formatted(i, low[i], high[i]))
                .collect(Collectors.joining(", "));
        return "hartlab bare: for %d instructions every hart has run the same few instructions (%s): the program "
                .formatted(SPIN_INSTRUCTIONS, where)
                + "spins waiting for something, most often for more harts than --harts " + harts
                + " (Ctrl-C stops it; --max-instructions bounds the run)";
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
