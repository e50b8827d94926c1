package org.hartlab.kernel.signal;

import java.util.ArrayList;
import java.util.List;

/**
 * Pending signals of a thread or of a whole process, in the order sent. A standard signal already pending is
 * not queued twice (the second send merges into the first, as Linux's legacy_queue); a real-time one is.
 * Guarded by the kernel lock.
 */
public final class SigQueue {
    private final List<SigInfo> pending = new ArrayList<>();
    private long set;

    /** Queues {@code info}; false when a standard signal of that number is already pending. */
    boolean add(SigInfo info) {
        if (!Sig.realtime(info.signo()) && (set & Sig.bit(info.signo())) != 0) {
            return false;
        }
        pending.add(info);
        set |= Sig.bit(info.signo());
        return true;
    }

    /** The pending signals as a set. */
    public long set() {
        return set;
    }

    boolean isEmpty() {
        return set == 0;
    }

    /**
     * The signal to deliver next among those not in {@code blocked}: a fault's signal first, then the lowest
     * number, first sent first (Linux's next_signal); 0 when none.
     */
    int next(long blocked) {
        long ready = set & ~blocked;
        if (ready == 0) {
            return 0;
        }
        long synchronous = ready & Sig.SYNCHRONOUS;
        return Long.numberOfTrailingZeros(synchronous != 0 ? synchronous : ready) + 1;
    }

    /** Removes and returns the first pending instance of {@code signal}, or null. */
    SigInfo take(int signal) {
        for (int i = 0; i < pending.size(); i++) {
            if (pending.get(i).signo() == signal) {
                SigInfo info = pending.remove(i);
                if (pending.stream().noneMatch(p -> p.signo() == signal)) {
                    set &= ~Sig.bit(signal);
                }
                return info;
            }
        }
        return null;
    }

    /** Drops every pending instance of {@code signal} (its action became ignore). */
    void discard(int signal) {
        pending.removeIf(p -> p.signo() == signal);
        set &= ~Sig.bit(signal);
    }
}
