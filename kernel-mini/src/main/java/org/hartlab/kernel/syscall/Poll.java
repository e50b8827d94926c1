package org.hartlab.kernel.syscall;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.file.FdTable;
import org.hartlab.kernel.file.OpenFile;
import org.hartlab.kernel.proc.KThread;
import org.hartlab.kernel.proc.Scheduler;
import org.hartlab.kernel.vm.UserMemory;

/**
 * ppoll and pselect6 over pipes and the standard streams. When nothing is ready the thread sleeps on every
 * watched file's wait list at once (and, with a timeout, on the kernel's timer: a {@link Scheduler.TimedWait}
 * in guest time), then runs the call again from its ecall; the deadline of the first try is kept, so a retry
 * does not start the timeout over. As Linux, the time left is written back to the timeout. The signal mask
 * argument is checked but not applied (signals belong to another class). Under the kernel lock.
 */
final class Poll {
    private static final int POLLIN = 0x1, POLLPRI = 0x2, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10;
    private static final int POLLNVAL = 0x20, POLLRDNORM = 0x40, POLLWRNORM = 0x100;
    private static final long SIGSET_SIZE = 8;
    private static final long NO_DEADLINE = -1;

    /** A sleeping call's identity (its ecall and arguments) and the deadline its first try computed. */
    private record Retry(long pc, long a0, long a1, long a2, long timeout, long deadline) {
    }

    private final Kernel kernel;
    private final Time time;
    private final Map<KThread, Retry> retries = new WeakHashMap<>();

    Poll(Kernel kernel, Time time) {
        this.kernel = kernel;
        this.time = time;
    }

    /** ppoll(fds, nfds, timeout, sigmask, sigsetsize): struct pollfd is {int fd; short events; short revents}. */
    long ppoll(Hart hart, KThread t, UserMemory memory, long fds, long nfds, long timeout, long sigmask,
            long sigsetSize) {
        if (Long.compareUnsigned(nfds, FdTable.SIZE) > 0 || sigmask != 0 && sigsetSize != SIGSET_SIZE) {
            return -Errno.EINVAL;
        }
        FdTable table = t.proc().files();
        try {
            long deadline = deadline(hart, t, memory, fds, nfds, 0, timeout);
            if (deadline == -Errno.EINVAL) {
                return -Errno.EINVAL;
            }
            int ready = 0;
            List<OpenFile> watched = new ArrayList<>();
            short[] revents = new short[(int) nfds];
            for (int i = 0; i < nfds; i++) {
                int fd = (int) memory.read64(fds + 8L * i);
                int events = (short) (memory.read64(fds + 8L * i) >>> 32);
                OpenFile f = fd < 0 ? null : table.get(fd);
                int mask = fd < 0 ? 0 : f == null ? POLLNVAL : readiness(f) & (events | POLLERR | POLLHUP);
                revents[i] = (short) mask;
                if (mask != 0) {
                    ready++;
                } else if (f != null) {
                    watched.add(f);
                }
            }
            if (ready > 0 || deadline != NO_DEADLINE && deadline <= kernel.machine().clock().now()) {
                for (int i = 0; i < nfds; i++) {
                    memory.write(fds + 8L * i + 6, new byte[] {(byte) revents[i], (byte) (revents[i] >> 8)});
                }
                return finish(t, memory, timeout, deadline, ready);
            }
            return sleep(hart, t, watched, fds, nfds, 0, timeout, deadline);
        } catch (UserMemory.Fault e) {
            retries.remove(t);
            return -Errno.EFAULT;
        }
    }

    /**
     * pselect6(nfds, readfds, writefds, exceptfds, timeout, sigmask-and-size): the sets are bitmaps of nfds bits;
     * on return they hold only the ready descriptors, and the result counts the bits left.
     */
    long pselect6(Hart hart, KThread t, UserMemory memory, long[] a) {
        long nfds = a[0];
        if (nfds < 0 || nfds > FdTable.SIZE) {
            return -Errno.EINVAL;
        }
        FdTable table = t.proc().files();
        int words = (int) ((nfds + 63) / 64);
        try {
            if (a[5] != 0 && memory.read64(a[5]) != 0 && memory.read64(a[5] + 8) != SIGSET_SIZE) {
                return -Errno.EINVAL;
            }
            long deadline = deadline(hart, t, memory, a[0], a[1], a[2], a[4]);
            if (deadline == -Errno.EINVAL) {
                return -Errno.EINVAL;
            }
            long[][] in = new long[3][words];
            long[][] out = new long[3][words];
            for (int s = 0; s < 3; s++) {
                for (int w = 0; w < words && a[1 + s] != 0; w++) {
                    in[s][w] = memory.read64(a[1 + s] + 8L * w);
                }
            }
            int ready = 0;
            List<OpenFile> watched = new ArrayList<>();
            for (int fd = 0; fd < nfds; fd++) {
                long bit = 1L << (fd % 64);
                int w = fd / 64;
                if (((in[0][w] | in[1][w] | in[2][w]) & bit) == 0) {
                    continue;
                }
                OpenFile f = table.get(fd);
                if (f == null) {
                    retries.remove(t);
                    return -Errno.EBADF;
                }
                int mask = readiness(f);
                boolean[] hit = {(mask & (POLLIN | POLLHUP | POLLERR)) != 0, (mask & (POLLOUT | POLLERR)) != 0,
                    (mask & POLLPRI) != 0};
                boolean any = false;
                for (int s = 0; s < 3; s++) {
                    if ((in[s][w] & bit) != 0 && hit[s]) {
                        out[s][w] |= bit;
                        ready++;
                        any = true;
                    }
                }
                if (!any) {
                    watched.add(f);
                }
            }
            if (ready > 0 || deadline != NO_DEADLINE && deadline <= kernel.machine().clock().now()) {
                for (int s = 0; s < 3; s++) {
                    for (int w = 0; w < words && a[1 + s] != 0; w++) {
                        memory.write64(a[1 + s] + 8L * w, out[s][w]);
                    }
                }
                return finish(t, memory, a[4], deadline, ready);
            }
            return sleep(hart, t, watched, a[0], a[1], a[2], a[4], deadline);
        } catch (UserMemory.Fault e) {
            retries.remove(t);
            return -Errno.EFAULT;
        }
    }

    /** What poll would report for {@code f}, before the caller's events filter it. */
    private static int readiness(OpenFile f) {
        int mask = 0;
        if (f.canRead()) {
            mask |= (f.readReady() ? POLLIN | POLLRDNORM : 0) | (f.hungUp() ? POLLHUP : 0);
        }
        if (f.canWrite()) {
            mask |= (f.writeReady() ? POLLOUT | POLLWRNORM : 0) | (f.hungUp() ? POLLERR : 0);
        }
        return mask;
    }

    /**
     * The mtime deadline of this call: the first try's when this is a retry of it, else from the timespec
     * ({@link #NO_DEADLINE} for a null one, -EINVAL for an invalid one).
     */
    private long deadline(Hart hart, KThread t, UserMemory memory, long a0, long a1, long a2, long timeout)
            throws UserMemory.Fault {
        Retry retry = retries.remove(t);
        long pc = hart.csrs().sepc() - 4;
        if (retry != null && retry.pc() == pc && retry.a0() == a0 && retry.a1() == a1 && retry.a2() == a2
                && retry.timeout() == timeout) {
            return retry.deadline();
        }
        if (timeout == 0) {
            return NO_DEADLINE;
        }
        long nanos = Time.readTimespec(memory, timeout);
        return nanos < 0 ? -Errno.EINVAL : time.ticksAfter(nanos);
    }

    /** Sleeps on every file in {@code watched} (and the timer, with a deadline), to run the call again. */
    private long sleep(Hart hart, KThread t, List<OpenFile> watched, long a0, long a1, long a2, long timeout,
            long deadline) {
        Object channel = deadline == NO_DEADLINE ? new Object() : new Scheduler.TimedWait(deadline);
        for (OpenFile f : watched) {
            f.waiters().add(t, channel);
        }
        retries.put(t, new Retry(hart.csrs().sepc() - 4, a0, a1, a2, timeout, deadline));
        Syscalls.sleepAndRestart(kernel, hart, channel);
        return 0;
    }

    /** The call returns {@code ready}; a timeout it had gets the time left (zero once passed), as Linux's. */
    private long finish(KThread t, UserMemory memory, long timeout, long deadline, int ready) throws UserMemory.Fault {
        if (timeout != 0 && deadline != NO_DEADLINE) {
            long left = Math.max(0, deadline - kernel.machine().clock().now()) * (Time.NANOS_PER_SECOND
                    / org.hartlab.core.aclint.Mtimer.TICKS_PER_SECOND);
            memory.write64(timeout, left / Time.NANOS_PER_SECOND);
            memory.write64(timeout + 8, left % Time.NANOS_PER_SECOND);
        }
        return ready;
    }
}
