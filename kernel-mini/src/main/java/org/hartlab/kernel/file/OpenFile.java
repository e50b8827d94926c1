package org.hartlab.kernel.file;

import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.proc.Scheduler;

/**
 * An open file description, as Linux's struct file: what descriptors made by dup, fcntl(F_DUPFD) and fork
 * share — the object, the access mode and the status flags (O_NONBLOCK, O_APPEND). Counted: the last descriptor
 * closed releases it ({@link #release}), which is how a pipe learns that its last writer or reader is gone.
 * Guarded by the kernel lock.
 */
public abstract class OpenFile {
    public static final int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_ACCMODE = 3;
    public static final int O_APPEND = 0x400, O_NONBLOCK = 0x800;
    /** The status flags F_SETFL may change (Linux also lets O_ASYNC, O_DIRECT and O_NOATIME through). */
    public static final int SETTABLE = O_APPEND | O_NONBLOCK | 0x2000 | 0x4000 | 0x40000;
    /** A read or write that would block: no data yet, or no room. */
    public static final long WOULD_BLOCK = Long.MIN_VALUE;
    static final int S_IFIFO = 0x1000, MODE_0600 = 0x180;

    private int flags;
    private int references = 1;
    private final long inode;
    private final WaitList waiters = new WaitList();

    protected OpenFile(int flags, long inode) {
        this.flags = flags;
        this.inode = inode;
    }

    public int flags() {
        return flags;
    }

    /** F_SETFL: the access mode and creation flags stay as they are. */
    public void setStatusFlags(int requested) {
        flags = (flags & ~SETTABLE) | (requested & SETTABLE);
    }

    public boolean nonBlocking() {
        return (flags & O_NONBLOCK) != 0;
    }

    public boolean canRead() {
        int mode = flags & O_ACCMODE;
        return mode == O_RDONLY || mode == O_RDWR;
    }

    public boolean canWrite() {
        int mode = flags & O_ACCMODE;
        return mode == O_WRONLY || mode == O_RDWR;
    }

    /** The st_ino fstat reports: one number per pipe or stream, so both ends of a pipe read the same. */
    public long inode() {
        return inode;
    }

    /** The st_mode fstat reports: every file here is a FIFO (pipes, and the standard streams as under a harness). */
    public int mode() {
        return S_IFIFO | MODE_0600;
    }

    /** One more descriptor refers to this file (dup, fork). */
    public void retain() {
        references++;
    }

    /** A descriptor referring to this file was closed; the last one closes the file itself. */
    public void release(Scheduler scheduler, Hart self) {
        if (--references == 0) {
            closed(scheduler, self);
        }
    }

    /**
     * Reads up to {@code max} bytes: what there is (an empty array at end of file), or null when nothing is
     * there yet and a blocking read would wait ({@link #waiters} is then where to wait).
     */
    public abstract byte[] read(int max);

    /**
     * Writes from {@code data}: how many bytes were taken, {@link #WOULD_BLOCK} when none fit yet (or, for a
     * write of up to {@link Pipe#ATOMIC} bytes, not all of them), or a negative errno (EPIPE).
     */
    public abstract long write(byte[] data);

    /** Whether there are bytes to read now (POLLIN); the end of the data is {@link #hungUp} (POLLHUP). */
    public abstract boolean readReady();

    /** Whether a write would take at least one byte at once, or fail at once. */
    public abstract boolean writeReady();

    /**
     * Whether the other side is gone: POLLHUP for a read end without writers (POLLERR for a write end); never,
     * unless the file says otherwise.
     */
    public boolean hungUp() {
        return false;
    }

    /** Bytes a read would get now (FIONREAD); 0 unless the file knows better. */
    public int available() {
        return 0;
    }

    /** The threads waiting for this file to change; wake them with {@link WaitList#wakeAll} after a change. */
    public WaitList waiters() {
        return waiters;
    }

    /** The last reference went away; a file holding nothing does nothing. */
    protected void closed(Scheduler scheduler, Hart self) {
    }
}
