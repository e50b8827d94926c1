package org.hartlab.kernel.file;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Standard input from the host: the bytes of a host stream (the {@code run} command's own stdin), shared by
 * every process as fd 0; none at all when there is no stream (end of file at once).
 *
 * <p>A guest read never blocks a hart's thread on the host. It takes what is buffered, else what the stream
 * has ready ({@link InputStream#available}), else it asks a reader thread of its own to wait for the host and
 * reports "would block": the guest thread then sleeps, and the kernel looks again at its next trap
 * ({@link #ready}; it keeps a timer armed meanwhile, so an idle machine is not taken for a deadlock). A stream
 * that never blocks (a file, /dev/null, bytes in memory) is read directly, end of file included, so such a
 * run is as deterministic as any other.
 */
public final class HostInput extends HostFed {
    private final InputStream in;
    private final boolean neverBlocks;
    // guarded by lock: the end of the stream, and whether the reader thread is reading (what it got is buffered)
    private boolean eof;
    private boolean readingAhead;

    /** Input from {@code in} (null: none); {@code neverBlocks} when reading it cannot wait for the host. */
    public HostInput(InputStream in, boolean neverBlocks, long inode) {
        super(O_RDONLY, inode);
        this.in = in;
        this.neverBlocks = neverBlocks;
        this.eof = in == null;
        retain(); // the kernel's own reference: closing fd 0 everywhere does not close the host stream
    }

    @Override
    public byte[] read(int max) {
        synchronized (lock) {
            byte[] kept = takeBufferedLocked(max);
            if (kept != null) {
                return kept;
            }
            if (eof) {
                return new byte[0];
            }
            if (readingAhead) {
                return null; // the stream is the reader thread's until its read returns
            }
            try {
                int ready = neverBlocks ? max : Math.min(max, in.available());
                if (ready > 0) {
                    byte[] out = new byte[ready];
                    int n = in.read(out);
                    if (n < 0) {
                        eof = true;
                        return new byte[0];
                    }
                    return Arrays.copyOf(out, n);
                }
            } catch (IOException e) {
                eof = true; // a host stream that fails ends
                return new byte[0];
            }
            readAhead();
            return null;
        }
    }

    /** Starts a host thread that waits for the next bytes of the stream; the caller saw none reading. */
    private void readAhead() {
        readingAhead = true;
        Thread.ofPlatform().name("hartlab-stdin").daemon().start(() -> {
            byte[] chunk = new byte[Pipe.CAPACITY];
            int n;
            try {
                n = in.read(chunk);
            } catch (IOException e) {
                n = -1;
            }
            synchronized (lock) {
                if (n < 0) {
                    eof = true;
                } else {
                    bufferLocked(chunk, n);
                }
                readingAhead = false;
                lock.notifyAll();
            }
        });
    }

    @Override
    protected boolean readyLocked() {
        return hasBufferedLocked() || eof;
    }

    @Override
    public boolean readReady() {
        synchronized (lock) {
            if (hasBufferedLocked() || neverBlocks && !eof) {
                return true;
            }
            if (eof) {
                return false; // hungUp says it
            }
            if (readingAhead) {
                return false;
            }
            try {
                if (in.available() > 0) {
                    return true;
                }
            } catch (IOException e) {
                return true; // the read will see the end
            }
            readAhead();
            return false;
        }
    }

    @Override
    public boolean hungUp() {
        synchronized (lock) {
            return eof && !hasBufferedLocked();
        }
    }

}
