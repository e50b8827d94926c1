package org.hartlab.core.aclint;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import org.hartlab.core.hart.Cause;
import org.hartlab.core.hart.Hart;
import org.hartlab.core.trace.Event;
import org.hartlab.core.trace.EventSink;

/**
 * Delivers software interrupts (MSWI's msip, SSWI's setssip) to harts after a seeded delay counted in the
 * target's own guest cycles ({@link Hart#progress()}: retired instructions plus kernel work). Posting may come from any hart's thread; delivery happens on the target's
 * thread at a slice boundary, which the engine places exactly at the due instruction.
 */
public final class IpiController {
    private record Pending(long mipBit, long dueInstret) {
    }

    private final List<Hart> harts;
    private final IpiDelay delay;
    private final SplittableRandom[] random;
    private final List<List<Pending>> pending = new ArrayList<>();
    private volatile EventSink events = EventSink.NONE;
    private final LongAdder posted = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    /**
     * Per hart: the IPIs posted to it and neither delivered nor cancelled yet, changed under its queue's lock, read
     * without it (see deliverDue and anyInFlight).
     */
    private final AtomicIntegerArray queued;
    /**
     * Whether a post also ends the target's current slice, so its next one is cut at the due instruction: needed
     * where the target runs at the same time in a long slice (the parallel engine), never where its slice ends
     * only by the schedule (the deterministic engine, whose runs must not depend on it).
     */
    private volatile boolean endTargetSlices;

    public IpiController(List<Hart> harts, IpiDelay delay, long seed) {
        this.harts = harts;
        this.delay = delay;
        this.random = new SplittableRandom[harts.size()];
        this.queued = new AtomicIntegerArray(harts.size());
        for (int i = 0; i < harts.size(); i++) {
            random[i] = new SplittableRandom(seed * 0x9E37_79B9_7F4A_7C15L + i);
            pending.add(new ArrayList<>());
        }
    }

    public void setEventSink(EventSink sink) {
        this.events = sink;
    }

    private void delivered(Hart hart, long mipBit) {
        delivered.increment();
        hart.csrs().raise(mipBit);
        if (events != EventSink.NONE) {
            events.accept(new Event(hart.time(), hart.id(),
                    Event.Kind.IPI_TAKE, Event.Phase.INSTANT, -1,
                    mipBit == (1L << Cause.SSI) ? "ssip" : "msip"));
        }
    }

    /** Makes interrupt {@code mipBit} pending on {@code target} after the drawn delay. */
    public void post(int target, long mipBit) {
        Hart hart = harts.get(target);
        List<Pending> queue = pending.get(target);
        synchronized (queue) {
            int d = delay.min() == delay.max() ? delay.min() : delay.min() + random[target].nextInt(delay.max() - delay.min() + 1);
            posted.increment();
            if (d == 0 || hart.isWaitingForInterrupt()) {
                delivered(hart, mipBit); // a sleeping hart retires nothing, so its delay has already passed
                return;
            }
            queue.add(new Pending(mipBit, hart.progress() + d));
            queued.incrementAndGet(target);
        }
        if (endTargetSlices) {
            hart.requestSliceEnd();
        }
    }

    /** See {@link #endTargetSlices}: set by an engine whose harts run concurrently, for the run. */
    public void setEndTargetSlices(boolean end) {
        endTargetSlices = end;
    }

    /** Drops undelivered IPIs of kind {@code mipBit} to {@code target} (msip written 0). */
    public void cancel(int target, long mipBit) {
        List<Pending> queue = pending.get(target);
        synchronized (queue) {
            int before = queue.size();
            queue.removeIf(p -> p.mipBit() == mipBit);
            queued.addAndGet(target, queue.size() - before);
        }
    }

    /**
     * Delivers every IPI now due on {@code hart} and returns how many instructions it may run before the next
     * one falls due ({@link Long#MAX_VALUE} if none is waiting).
     */
    public long deliverDue(Hart hart) {
        if (queued.get(hart.id()) == 0) {
            // Nothing posted to this hart: no lock to take before every slice. A post this read misses is one the
            // lock would have let in just after it as well; the next slice delivers it.
            return Long.MAX_VALUE;
        }
        List<Pending> queue = pending.get(hart.id());
        synchronized (queue) {
            if (queue.isEmpty()) {
                return Long.MAX_VALUE;
            }
            long now = hart.progress();
            long next = Long.MAX_VALUE;
            for (var it = queue.iterator(); it.hasNext();) {
                Pending p = it.next();
                if (p.dueInstret() <= now || hart.isWaitingForInterrupt()) {
                    delivered(hart, p.mipBit());
                    it.remove();
                    queued.decrementAndGet(hart.id());
                } else {
                    next = Math.min(next, p.dueInstret() - now);
                }
            }
            return next;
        }
    }

    /** Whether some IPI is on its way to some hart: posted, not yet delivered. */
    public boolean anyInFlight() {
        for (int i = 0; i < queued.length(); i++) {
            if (queued.get(i) > 0) {
                return true;
            }
        }
        return false;
    }

    public long posted() {
        return posted.sum();
    }

    public long delivered() {
        return delivered.sum();
    }
}
