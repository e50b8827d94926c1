package org.hartlab.kernel.file;

/**
 * Standard input of a job the shell runs in the foreground: the lines the shell takes from its terminal and
 * {@link #offer}s while the job waits to read, shared by every process of the job (children inherit fd 0).
 *
 * <p>It reads as a terminal's input queue reads in canonical mode: a read gets what has been typed (a line at a
 * time, as the shell offers it), and {@link #endOfFile} (Ctrl-D on an empty line) makes one read return 0 and the
 * next wait again, so a program may read after an end of file as it may on a terminal. {@link #hangUp} ends it
 * for good: the job left the foreground, and no more keys will come.
 *
 * <p>The shell's thread offers and the guest's reads take, under this object's monitor; {@link #readWaiting}
 * tells the shell when a reader has found nothing, so it takes keys from its terminal only then and leaves the
 * rest typed ahead for its next prompt.
 */
public final class TerminalInput extends HostFed {
    // guarded by lock: an end of file for the next read, the end of all input (typed bytes are buffered)
    private boolean endOfFile;
    private boolean hungUp;
    private volatile boolean readWaiting;

    public TerminalInput(long inode) {
        super(O_RDONLY, inode);
    }

    /** Bytes typed at the terminal, for the job's next reads. */
    public void offer(byte[] bytes) {
        synchronized (lock) {
            bufferLocked(bytes, bytes.length);
            readWaiting = false;
            lock.notifyAll();
        }
    }

    /** Ctrl-D: the next read that finds nothing typed returns 0 (end of file), once. */
    public void endOfFile() {
        synchronized (lock) {
            endOfFile = true;
            readWaiting = false;
            lock.notifyAll();
        }
    }

    /** No more input will come: every read from now on that finds nothing typed returns 0. */
    public void hangUp() {
        synchronized (lock) {
            hungUp = true;
            readWaiting = false;
            lock.notifyAll();
        }
    }

    /** Whether a reader of the job found nothing and waits: the time for the shell to take keys for it. */
    public boolean readWaiting() {
        return readWaiting;
    }

    @Override
    public byte[] read(int max) {
        synchronized (lock) {
            byte[] typed = takeBufferedLocked(max);
            if (typed != null) {
                return typed;
            }
            if (endOfFile || hungUp) {
                endOfFile = false;
                return new byte[0];
            }
            readWaiting = true;
            return null;
        }
    }

    @Override
    public boolean readReady() {
        synchronized (lock) {
            if (readyLocked()) {
                return true;
            }
            readWaiting = true; // a poll that waits for us waits for keys as a read does
            return false;
        }
    }

    @Override
    protected boolean readyLocked() {
        return hasBufferedLocked() || endOfFile || hungUp;
    }

    @Override
    public boolean hungUp() {
        synchronized (lock) {
            return hungUp && !hasBufferedLocked();
        }
    }
}
