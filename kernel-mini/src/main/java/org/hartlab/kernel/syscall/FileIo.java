package org.hartlab.kernel.syscall;

import java.util.Map;
import java.util.WeakHashMap;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.file.OpenFile;
import org.hartlab.kernel.proc.KThread;
import org.hartlab.kernel.signal.Sig;
import org.hartlab.kernel.vm.Prot;
import org.hartlab.kernel.vm.UserMemory;
import org.hartlab.kernel.vm.VmMap;
import org.hartlab.kernel.vm.VmMapEntry;

/**
 * read, write, readv, writev, lseek and ioctl on any descriptor, as Linux does them on pipes and streams. A read
 * with nothing to read and a write with no room sleep on the file's wait list and run again from the ecall when
 * woken (O_NONBLOCK: EAGAIN instead). A blocking write longer than {@link org.hartlab.kernel.file.Pipe#ATOMIC}
 * goes in piece by piece and returns once all of it is in, as Linux's: between pieces the thread's buffer and
 * count registers move past what went in, and the count so far is kept here. A write to a pipe without readers
 * is EPIPE, after SIGPIPE to the writing thread ({@link #brokenPipe}). All under the kernel lock.
 */
final class FileIo {
    private static final long MAX_IO = 1 << 20;
    private static final int MAX_IOV = 1024;
    private static final long EPIPE = 32, ESPIPE = 29;
    private static final long FIONREAD = 0x541B;

    /**
     * A blocking write part way through: where its ecall is, what is left, how much went in already, and the
     * buffer and count it was called with.
     */
    private record PartialWrite(long pc, long fd, long buf, long len, long done, long firstBuf, long firstLen) {
    }

    private final Kernel kernel;
    private final Map<KThread, PartialWrite> partialWrites = new WeakHashMap<>();

    FileIo(Kernel kernel) {
        this.kernel = kernel;
    }

    /** read: EBADF unless open for reading; a count beyond 1 MiB reads at most 1 MiB. */
    long read(Hart hart, KThread t, UserMemory memory, long fd, long buf, long len) {
        OpenFile f = t.proc().files().get(fd);
        if (f == null || !f.canRead()) {
            return -Errno.EBADF;
        }
        int n = (int) (Long.compareUnsigned(len, MAX_IO) > 0 ? MAX_IO : len);
        if (n == 0) {
            return 0;
        }
        if (!writable(t, buf, n)) {
            return -Errno.EFAULT; // checked first, so a bad buffer takes no bytes out of a pipe
        }
        byte[] bytes = f.read(n);
        if (bytes == null) {
            return waitFor(hart, t, f);
        }
        if (bytes.length > 0) {
            f.waiters().wakeAll(kernel.scheduler(), hart); // room for writers
        }
        try {
            memory.write(buf, bytes);
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
        return bytes.length;
    }

    /** Sleeps until {@code f} changes and restarts the call; EAGAIN for a non-blocking file. */
    private long waitFor(Hart hart, KThread t, OpenFile f) {
        if (f.nonBlocking()) {
            return -Errno.EAGAIN;
        }
        Object channel = new Object();
        f.waiters().add(t, channel);
        Syscalls.sleepAndRestart(kernel, hart, channel);
        return 0;
    }

    /** write: EBADF unless open for writing; the bytes are read from the guest before the file is touched. */
    long write(Hart hart, KThread t, UserMemory memory, long fd, long buf, long len) {
        OpenFile f = t.proc().files().get(fd);
        if (f == null || !f.canWrite()) {
            return -Errno.EBADF;
        }
        long pc = hart.csrs().sepc() - 4;
        PartialWrite partial = partialWrites.remove(t);
        if (partial == null || partial.pc() != pc || partial.fd() != fd || partial.buf() != buf
                || partial.len() != len) {
            partial = new PartialWrite(pc, fd, buf, len, 0, buf, len);
        }
        long done = partial.done();
        int n = (int) (Long.compareUnsigned(len, MAX_IO) > 0 ? MAX_IO : len);
        byte[] data;
        try {
            data = memory.read(buf, n);
        } catch (UserMemory.Fault e) {
            return finish(hart, partial, done > 0 ? done : -Errno.EFAULT);
        }
        long r = n == 0 ? 0 : f.write(data);
        if (r == -EPIPE) {
            brokenPipe(hart, t);
            return finish(hart, partial, done > 0 ? done : -EPIPE);
        }
        if (r > 0) {
            f.waiters().wakeAll(kernel.scheduler(), hart); // data for readers
            done += r;
        }
        if (r == n || f.nonBlocking()) {
            return finish(hart, partial, done > 0 || n == 0 ? done : -Errno.EAGAIN);
        }
        long moved = Math.max(r, 0);
        hart.setRegister(11, buf + moved);
        hart.setRegister(12, len - moved);
        partialWrites.put(t, new PartialWrite(pc, fd, buf + moved, len - moved, done, partial.firstBuf(),
                partial.firstLen()));
        return waitFor(hart, t, f);
    }

    /** Ends a write: the buffer and count registers get back what the caller passed (only a0 may change). */
    private static long finish(Hart hart, PartialWrite partial, long result) {
        hart.setRegister(11, partial.firstBuf());
        hart.setRegister(12, partial.firstLen());
        return result;
    }

    /**
     * A write found no reader: SIGPIPE to the writing thread, as Linux raises it, then the caller returns EPIPE
     * (what a process that ignores or handles SIGPIPE sees; by default the signal ends it first).
     */
    private void brokenPipe(Hart hart, KThread t) {
        kernel.signals().send(hart, t, Sig.SIGPIPE);
    }

    /**
     * writev: the vectors gathered into one write (so a pipe takes them as one, as Linux's does); a write that
     * would wait after taking some bytes returns the count instead.
     */
    long writev(Hart hart, KThread t, UserMemory memory, long fd, long iov, long count) {
        OpenFile f = t.proc().files().get(fd);
        if (f == null || !f.canWrite()) {
            return -Errno.EBADF;
        }
        byte[] data;
        try {
            data = gather(memory, iov, count);
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
        if (data == null) {
            return -Errno.EINVAL;
        }
        if (data.length == 0) {
            return 0;
        }
        long r = f.write(data);
        if (r == -EPIPE) {
            brokenPipe(hart, t);
            return r;
        }
        if (r == OpenFile.WOULD_BLOCK) {
            return waitFor(hart, t, f);
        }
        f.waiters().wakeAll(kernel.scheduler(), hart);
        return r;
    }

    /** The bytes of {@code count} iovecs {base, len}, at most 1 MiB in all; null for a bad count or length. */
    private static byte[] gather(UserMemory memory, long iov, long count) throws UserMemory.Fault {
        if (count < 0 || count > MAX_IOV) {
            return null;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            long base = memory.read64(iov + 16L * i);
            long len = memory.read64(iov + 16L * i + 8);
            if (len < 0) {
                return null;
            }
            int n = (int) Math.min(len, MAX_IO - out.size());
            out.writeBytes(memory.read(base, n));
        }
        return out.toByteArray();
    }

    /** readv: one read of the vectors' total length, scattered over them in order. */
    long readv(Hart hart, KThread t, UserMemory memory, long fd, long iov, long count) {
        OpenFile f = t.proc().files().get(fd);
        if (f == null || !f.canRead()) {
            return -Errno.EBADF;
        }
        if (count < 0 || count > MAX_IOV) {
            return -Errno.EINVAL;
        }
        long[][] vectors = new long[(int) count][];
        long total = 0;
        try {
            for (int i = 0; i < count; i++) {
                vectors[i] = new long[] {memory.read64(iov + 16L * i), memory.read64(iov + 16L * i + 8)};
                if (vectors[i][1] < 0) {
                    return -Errno.EINVAL;
                }
                total = Math.min(MAX_IO, total + vectors[i][1]);
                if (!writable(t, vectors[i][0], Math.min(vectors[i][1], MAX_IO))) {
                    return -Errno.EFAULT;
                }
            }
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
        if (total == 0) {
            return 0;
        }
        byte[] bytes = f.read((int) total);
        if (bytes == null) {
            return waitFor(hart, t, f);
        }
        f.waiters().wakeAll(kernel.scheduler(), hart);
        int at = 0;
        try {
            for (long[] v : vectors) {
                int n = (int) Math.min(v[1], bytes.length - at);
                memory.write(v[0], java.util.Arrays.copyOfRange(bytes, at, at + n));
                at += n;
            }
        } catch (UserMemory.Fault e) {
            return at > 0 ? at : -Errno.EFAULT;
        }
        return bytes.length;
    }

    /** lseek: every file here is a pipe or a stream, so ESPIPE for any open fd. */
    long lseek(KThread t, long fd) {
        return t.proc().files().get(fd) == null ? -Errno.EBADF : -ESPIPE;
    }

    /** ioctl: FIONREAD says how many bytes a read would get; nothing here is a terminal (TCGETS is ENOTTY). */
    long ioctl(KThread t, UserMemory memory, long fd, long request, long arg) {
        OpenFile f = t.proc().files().get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if ((request & 0xFFFF_FFFFL) == FIONREAD) {
            try {
                memory.write(arg, Futex.le32(f.available()));
                return 0;
            } catch (UserMemory.Fault e) {
                return -Errno.EFAULT;
            }
        }
        return -Errno.ENOTTY; // TCGETS included: no file here is a terminal
    }

    /** True when every byte of {@code [va, va + n)} lies in a writable mapping of the thread's process. */
    private static boolean writable(KThread t, long va, long n) {
        if (va < 0 || va >= VmMap.USER_END || n > VmMap.USER_END - va) {
            return false;
        }
        VmMap map = t.proc().vmMap();
        for (long at = va; at < va + n;) {
            VmMapEntry e = map.lookup(at);
            if (e == null || (e.prot() & Prot.WRITE) == 0) {
                return false;
            }
            at = e.end();
        }
        return true;
    }
}
