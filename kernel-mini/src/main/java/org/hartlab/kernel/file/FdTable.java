package org.hartlab.kernel.file;

import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.proc.Scheduler;

/**
 * A process's file descriptors: slot {@code fd} holds an open file and its close-on-exec flag. The threads of
 * a process share it (every clone of a thread here is CLONE_FILES); fork copies it, each copy a new reference;
 * execve closes the close-on-exec ones. {@link #SIZE} slots, RLIMIT_NOFILE's default soft limit. Guarded by the
 * kernel lock.
 */
public final class FdTable {
    public static final int SIZE = 1024;

    private final OpenFile[] files = new OpenFile[SIZE];
    private final boolean[] closeOnExec = new boolean[SIZE];

    /** A table with fds 0, 1 and 2 open on {@code in}, {@code out} and {@code err} (each retained). */
    public static FdTable standard(OpenFile in, OpenFile out, OpenFile err) {
        FdTable t = new FdTable();
        OpenFile[] std = {in, out, err};
        for (int fd = 0; fd < std.length; fd++) {
            std[fd].retain();
            t.files[fd] = std[fd];
        }
        return t;
    }

    /** fork: the same open files (one more reference each) under the same numbers and flags. */
    public FdTable copy() {
        FdTable t = new FdTable();
        for (int fd = 0; fd < SIZE; fd++) {
            if (files[fd] != null) {
                files[fd].retain();
                t.files[fd] = files[fd];
                t.closeOnExec[fd] = closeOnExec[fd];
            }
        }
        return t;
    }

    /** The open file of {@code fd}, or null when {@code fd} is not open (negative and too large included). */
    public OpenFile get(long fd) {
        return fd >= 0 && fd < SIZE ? files[(int) fd] : null;
    }

    public boolean closeOnExec(int fd) {
        return closeOnExec[fd];
    }

    public void setCloseOnExec(int fd, boolean on) {
        closeOnExec[fd] = on;
    }

    /**
     * Puts {@code f} (whose reference the caller hands over) in the lowest free slot at or above {@code lowest};
     * returns the fd, or -1 when every such slot is taken (EMFILE).
     */
    public int install(OpenFile f, boolean cloexec, int lowest) {
        for (int fd = Math.max(lowest, 0); fd < SIZE; fd++) {
            if (files[fd] == null) {
                files[fd] = f;
                closeOnExec[fd] = cloexec;
                return fd;
            }
        }
        return -1;
    }

    /** Slots free at or above 0: whether {@code n} more files fit. */
    public boolean hasRoomFor(int n) {
        int free = 0;
        for (int fd = 0; fd < SIZE && free < n; fd++) {
            if (files[fd] == null) {
                free++;
            }
        }
        return free >= n;
    }

    /** dup3: puts {@code f} (the caller's reference) at {@code fd}, closing what was there. */
    public void installAt(int fd, OpenFile f, boolean cloexec, Scheduler scheduler, Hart self) {
        OpenFile old = files[fd];
        files[fd] = f;
        closeOnExec[fd] = cloexec;
        if (old != null) {
            old.release(scheduler, self);
        }
    }

    /** close: false when {@code fd} was not open. */
    public boolean close(long fd, Scheduler scheduler, Hart self) {
        OpenFile f = get(fd);
        if (f == null) {
            return false;
        }
        files[(int) fd] = null;
        closeOnExec[(int) fd] = false;
        f.release(scheduler, self);
        return true;
    }

    /** execve: closes every close-on-exec descriptor. */
    public void closeOnExec(Scheduler scheduler, Hart self) {
        for (int fd = 0; fd < SIZE; fd++) {
            if (closeOnExec[fd]) {
                close(fd, scheduler, self);
            }
        }
    }

    /** The process exited: every descriptor goes. */
    public void closeAll(Scheduler scheduler, Hart self) {
        for (int fd = 0; fd < SIZE; fd++) {
            close(fd, scheduler, self);
        }
    }
}
