package org.hartlab.kernel.file;

import java.util.ArrayList;
import java.util.List;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.proc.KThread;
import org.hartlab.kernel.proc.Scheduler;

/**
 * The threads sleeping until a file changes (data to read, room to write, the other end closed), each on its own
 * channel: a poll with a timeout sleeps on a {@link Scheduler.TimedWait} that the kernel's timer also wakes.
 * Woken threads re-execute their system call and look again, so a wakeup with nothing for them costs only a
 * retry. Guarded by the kernel lock.
 */
public final class WaitList {
    private record Sleeper(KThread thread, Object channel) {
    }

    private final List<Sleeper> sleepers = new ArrayList<>();

    /** Records that {@code t} is about to sleep on {@code channel} until this file changes. */
    public void add(KThread t, Object channel) {
        sleepers.removeIf(WaitList::gone);
        sleepers.add(new Sleeper(t, channel));
    }

    /** Wakes, in the order they came, every thread still asleep on the channel it was added with. */
    public void wakeAll(Scheduler scheduler, Hart self) {
        List<Sleeper> woken = List.copyOf(sleepers);
        sleepers.clear();
        for (Sleeper s : woken) {
            if (!gone(s)) {
                scheduler.wakeup(s.channel(), 1, List.of(s.thread()), self);
            }
        }
    }

    /** The sleeper left this wait: woken another way (a timeout), killed, or asleep on another channel now. */
    private static boolean gone(Sleeper s) {
        return s.thread().state() != KThread.State.SLEEPING || s.thread().channel() != s.channel();
    }

    /** Whether no thread waits here any more (those that are gone are forgotten first). */
    public boolean isEmpty() {
        sleepers.removeIf(WaitList::gone);
        return sleepers.isEmpty();
    }
}
