package org.hartlab.kernel.syscall;

import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.file.FdTable;
import org.hartlab.kernel.file.OpenFile;
import org.hartlab.kernel.file.Pipe;
import org.hartlab.kernel.proc.KThread;
import org.hartlab.kernel.vm.UserMemory;

/**
 * The descriptor calls: pipe2, dup, dup3, fcntl and close, with Linux's checks and errors (EBADF for a
 * descriptor not open or out of range, EINVAL for bad flags or commands, EMFILE when the table is full).
 * fcntl commands Linux has but this kernel does not (locks, owners, leases, pipe sizes, seals) are ENOSYS, so
 * the unknown-syscall counter sees them. Under the kernel lock.
 */
final class Descriptors {
    static final long O_CLOEXEC = 0x80000;
    private static final long O_DIRECT = 0x4000;
    private static final long EMFILE = 24;
    private static final int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4;
    private static final int F_DUPFD_CLOEXEC = 1030, FD_CLOEXEC = 1;
    /** F_GETLK .. F_GETSIG, F_SETOWN_EX .. F_GETOWNER_UIDS, the OFD locks, leases, notify, pipe sizes, seals. */
    private static final java.util.Set<Integer> NOT_SUPPORTED = java.util.Set.of(5, 6, 7, 8, 9, 10, 11, 15, 16, 17,
            36, 37, 38, 1024, 1025, 1026, 1031, 1032, 1033, 1034, 1035, 1036);

    private final Kernel kernel;

    Descriptors(Kernel kernel) {
        this.kernel = kernel;
    }

    /** pipe2: the read end in fds[0], the write end in fds[1]; O_CLOEXEC and O_NONBLOCK apply to both. */
    long pipe2(Hart hart, KThread t, UserMemory memory, long fds, long flags) {
        if ((flags & ~(O_CLOEXEC | OpenFile.O_NONBLOCK | O_DIRECT)) != 0) {
            return -Errno.EINVAL;
        }
        FdTable table = t.proc().files();
        if (!table.hasRoomFor(2)) {
            return -EMFILE;
        }
        OpenFile[] ends = Pipe.open(kernel.newInode(), (int) flags);
        boolean cloexec = (flags & O_CLOEXEC) != 0;
        int read = table.install(ends[0], cloexec, 0);
        int write = table.install(ends[1], cloexec, 0);
        try {
            memory.write(fds, Futex.le32(read));
            memory.write(fds + 4, Futex.le32(write));
            return 0;
        } catch (UserMemory.Fault e) {
            table.close(read, kernel.scheduler(), hart); // as Linux: no descriptor survives a failed pipe2
            table.close(write, kernel.scheduler(), hart);
            return -Errno.EFAULT;
        }
    }

    long dup(KThread t, long fd) {
        return duplicate(t, fd, 0, false);
    }

    /** A new descriptor for the file of {@code fd}, the lowest free at or above {@code lowest}. */
    private long duplicate(KThread t, long fd, int lowest, boolean cloexec) {
        FdTable table = t.proc().files();
        OpenFile f = table.get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        int copy = table.install(f, cloexec, lowest);
        if (copy < 0) {
            return -EMFILE;
        }
        f.retain();
        return copy;
    }

    /** dup3: {@code newfd} names the file of {@code oldfd}; EINVAL when they are equal or flags are not O_CLOEXEC. */
    long dup3(Hart hart, KThread t, long oldfd, long newfd, long flags) {
        if ((flags & ~O_CLOEXEC) != 0 || oldfd == newfd) {
            return -Errno.EINVAL;
        }
        FdTable table = t.proc().files();
        OpenFile f = table.get(oldfd);
        if (f == null || newfd < 0 || newfd >= FdTable.SIZE) {
            return -Errno.EBADF;
        }
        f.retain();
        table.installAt((int) newfd, f, (flags & O_CLOEXEC) != 0, kernel.scheduler(), hart);
        return newfd;
    }

    long fcntl(KThread t, long fd, long command, long arg) {
        FdTable table = t.proc().files();
        OpenFile f = table.get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        int cmd = (int) command;
        return switch (cmd) {
            case F_DUPFD, F_DUPFD_CLOEXEC -> arg < 0 || arg >= FdTable.SIZE ? -Errno.EINVAL
                    : duplicate(t, fd, (int) arg, cmd == F_DUPFD_CLOEXEC);
            case F_GETFD -> table.closeOnExec((int) fd) ? FD_CLOEXEC : 0;
            case F_SETFD -> {
                table.setCloseOnExec((int) fd, (arg & FD_CLOEXEC) != 0);
                yield 0;
            }
            case F_GETFL -> f.flags();
            case F_SETFL -> {
                f.setStatusFlags((int) arg);
                yield 0;
            }
            default -> NOT_SUPPORTED.contains(cmd) ? -Errno.ENOSYS : -Errno.EINVAL;
        };
    }

    long close(Hart hart, KThread t, long fd) {
        return t.proc().files().close(fd, kernel.scheduler(), hart) ? 0 : -Errno.EBADF;
    }
}
