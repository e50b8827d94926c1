package org.hartlab.kernel.file;

import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.proc.Scheduler;

/**
 * A pipe as Linux's: a 64 KiB ring; a read takes what is there (waits while empty and some writer is open, and
 * reads 0 once none is); a write of up to {@link #ATOMIC} bytes goes in whole or waits for room, a longer one
 * takes what fits; writing with no reader open is EPIPE. Both ends share one wait list: any change wakes every
 * waiter, who looks again. Guarded by the kernel lock.
 */
public final class Pipe {
    public static final int CAPACITY = 64 * 1024;
    /** PIPE_BUF: writes up to this size are never interleaved with others. */
    public static final int ATOMIC = 4096;
    private static final long EPIPE = 32;

    private final byte[] ring = new byte[CAPACITY];
    private int head;
    private int count;
    private int readers = 1;
    private int writers = 1;
    private final WaitList waiters = new WaitList();

    private Pipe() {
    }

    /** A new pipe's two open files, read end first, with the O_NONBLOCK of {@code flags}. */
    public static OpenFile[] open(long inode, int flags) {
        Pipe pipe = new Pipe();
        int nonBlocking = flags & OpenFile.O_NONBLOCK;
        return new OpenFile[] {pipe.new End(OpenFile.O_RDONLY | nonBlocking, inode, true),
            pipe.new End(OpenFile.O_WRONLY | nonBlocking, inode, false)};
    }

    private final class End extends OpenFile {
        private final boolean readEnd;

        End(int flags, long inode, boolean readEnd) {
            super(flags, inode);
            this.readEnd = readEnd;
        }

        @Override
        public byte[] read(int max) {
            if (count == 0) {
                return writers == 0 ? new byte[0] : null;
            }
            byte[] out = new byte[Math.min(max, count)];
            for (int i = 0; i < out.length; i++) {
                out[i] = ring[(head + i) % CAPACITY];
            }
            head = (head + out.length) % CAPACITY;
            count -= out.length;
            return out;
        }

        @Override
        public long write(byte[] data) {
            if (readers == 0) {
                return -EPIPE;
            }
            int free = CAPACITY - count;
            if (free == 0 || data.length <= ATOMIC && free < data.length) {
                return WOULD_BLOCK;
            }
            int n = Math.min(free, data.length);
            for (int i = 0; i < n; i++) {
                ring[(head + count + i) % CAPACITY] = data[i];
            }
            count += n;
            return n;
        }

        @Override
        public boolean readReady() {
            return count > 0;
        }

        @Override
        public boolean writeReady() {
            return readers == 0 || CAPACITY - count >= ATOMIC;
        }

        @Override
        public boolean hungUp() {
            return readEnd ? writers == 0 : readers == 0;
        }

        @Override
        public int available() {
            return count;
        }

        @Override
        public WaitList waiters() {
            return waiters;
        }

        @Override
        protected void closed(Scheduler scheduler, Hart self) {
            if (readEnd) {
                readers--;
            } else {
                writers--;
            }
            waiters.wakeAll(scheduler, self);
        }
    }
}
