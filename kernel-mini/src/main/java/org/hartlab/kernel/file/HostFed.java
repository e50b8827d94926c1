package org.hartlab.kernel.file;

import java.util.Arrays;

/**
 * A file whose bytes come from the host rather than from another guest thread (the run command's stdin, the
 * shell's foreground job's terminal): nothing inside the kernel writes it, so nothing inside wakes its readers.
 * The kernel keeps a list of them and, at each trap, wakes the readers of every one that {@link #ready} says
 * has something (see {@code Kernel.trap}).
 */
public abstract class HostFed extends OpenFile {
    /** Guards the subclass's state, shared by the host thread that feeds it and the harts that read it. */
    protected final Object lock = new Object();
    // guarded by lock: bytes the host gave that no read has taken yet
    private byte[] buffered = new byte[0];

    protected HostFed(int flags, long inode) {
        super(flags, inode);
    }

    /** Whether a read would now get bytes or an end of file; called holding {@link #lock}. */
    protected abstract boolean readyLocked();

    /** Whether a read would now get bytes or an end of file; may be called from any thread. */
    public final boolean ready() {
        synchronized (lock) {
            return readyLocked();
        }
    }

    /**
     * Waits up to {@code millis} of host time for {@link #ready} (the feeder notifies {@link #lock}): what an idle
     * hart does while a guest waits for the host, instead of spinning through guest time. Call without the kernel
     * lock.
     */
    public final void awaitReady(long millis) {
        synchronized (lock) {
            if (!readyLocked()) {
                try {
                    lock.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Keeps {@code n} bytes of {@code chunk} for the reads to come; call holding {@link #lock}. */
    protected final void bufferLocked(byte[] chunk, int n) {
        byte[] more = Arrays.copyOf(buffered, buffered.length + n);
        System.arraycopy(chunk, 0, more, buffered.length, n);
        buffered = more;
    }

    /** Takes up to {@code max} of the kept bytes, or null when none are kept; call holding {@link #lock}. */
    protected final byte[] takeBufferedLocked(int max) {
        if (buffered.length == 0) {
            return null;
        }
        byte[] out = Arrays.copyOf(buffered, Math.min(max, buffered.length));
        buffered = Arrays.copyOfRange(buffered, out.length, buffered.length);
        return out;
    }

    /** Whether bytes are kept for a read; call holding {@link #lock}. */
    protected final boolean hasBufferedLocked() {
        return buffered.length > 0;
    }

    @Override
    public final int available() {
        synchronized (lock) {
            return buffered.length;
        }
    }

    @Override
    public long write(byte[] data) {
        return WOULD_BLOCK; // unreachable: a read-only file is EBADF for write before it gets here
    }

    @Override
    public boolean writeReady() {
        return false;
    }
}
