package org.hartlab.kernel.file;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.proc.Scheduler;

/**
 * Every file the host feeds that a guest may still read: the standard input new processes get, the ones set
 * before it (processes spawned then still read them), and each shell job's terminal. Nothing inside the kernel
 * writes them, so the kernel asks here at each trap, under its lock, whose readers to wake.
 */
public final class HostInputs {
    private final List<HostFed> files = new CopyOnWriteArrayList<>(); // added from outside the machine
    private volatile HostInput stdin;
    /**
     * A file a thread waited for at the end of the latest trap (of any hart), or null: a hint an idle hart reads
     * after letting go of the kernel lock, so a stale value costs at most one short wait or one missed one.
     */
    private volatile HostFed awaited;

    public HostInputs(HostInput stdin) {
        setStdin(stdin);
    }

    /** What processes spawned from now on read as fd 0 unless given another file. */
    public HostInput stdin() {
        return stdin;
    }

    public void setStdin(HostInput in) {
        stdin = in;
        add(in);
    }

    /** Watches {@code in} for readers to wake, until it has hung up and none waits. */
    public void add(HostFed in) {
        if (!files.contains(in)) {
            files.add(in);
        }
    }

    /** Wakes the readers of every file the host has given something (or closed); forgets finished files. */
    public void wakeReaders(Scheduler scheduler, Hart hart) {
        for (HostFed in : files) {
            if (!in.waiters().isEmpty() && in.ready()) {
                in.waiters().wakeAll(scheduler, hart);
            }
            if (in != stdin && in.hungUp() && in.waiters().isEmpty()) {
                files.remove(in);
            }
        }
    }

    /** Whether some thread waits for the host; records the hint {@link #idleWait} reads. Under the kernel lock. */
    public boolean anyAwaited() {
        for (HostFed in : files) {
            if (!in.waiters().isEmpty()) {
                awaited = in;
                return true;
            }
        }
        awaited = null;
        return false;
    }

    /**
     * What an idle hart does, without the kernel lock, while a guest waits for the host: waits up to
     * {@code millis} of host time for the input, instead of spinning through guest time.
     */
    public void idleWait(long millis) {
        HostFed in = awaited;
        if (in != null) {
            in.awaitReady(millis);
        }
    }
}
