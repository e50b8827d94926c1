package org.hartlab.kernel.syscall;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.kernel.vm.UserMemory;

/**
 * The file-system queries a static C library makes at start-up, answered for a process that has no file system:
 * fds 0–2 are the only files, each a pipe (FIFO, mode 0600, as a program's standard streams are under a test
 * harness, so stdio buffers stdout fully, as it does under qemu-riscv64 in the suite); {@code /proc/self/exe}
 * reads as {@code /NAME}, the program's name; the working directory is {@code /}. Any other path is ENOENT.
 */
final class Files {
    private static final int STAT_SIZE = 128;
    private static final int S_IFIFO = 0x1000, MODE_0600 = 0x180, BLOCK_SIZE = 4096;
    private static final long AT_EMPTY_PATH = 0x1000;
    private static final int PATH_MAX = 4096;
    private static final String SELF_EXE = "/proc/self/exe";

    private static boolean standard(long fd) {
        return fd >= 0 && fd <= 2;
    }

    /** fstat: a struct stat (asm-generic layout, 128 bytes) for fds 0–2; others are EBADF. */
    long fstat(UserMemory memory, long fd, long buf) {
        if (!standard(fd)) {
            return -Errno.EBADF;
        }
        byte[] stat = new byte[STAT_SIZE];
        put(stat, 8, fd + 1, 8);                 // st_ino
        put(stat, 16, S_IFIFO | MODE_0600, 4);   // st_mode
        put(stat, 20, 1, 4);                     // st_nlink
        put(stat, 56, BLOCK_SIZE, 4);            // st_blksize
        try {
            memory.write(buf, stat);
            return 0;
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
    }

    /** newfstatat: with AT_EMPTY_PATH and "" it is fstat of {@code dirfd}; any path names nothing. */
    long newfstatat(UserMemory memory, long dirfd, long path, long buf, long flags) {
        String name = readPath(memory, path);
        if (name == null) {
            return -Errno.EFAULT;
        }
        if (name.isEmpty() && (flags & AT_EMPTY_PATH) != 0) {
            return fstat(memory, dirfd, buf);
        }
        return -Errno.ENOENT;
    }

    /** readlinkat: only {@code /proc/self/exe}; the link's text, not NUL-terminated, cut to {@code size}. */
    long readlinkat(Proc p, UserMemory memory, long path, long buf, long size) {
        String name = readPath(memory, path);
        if (name == null) {
            return -Errno.EFAULT;
        }
        if (size <= 0) {
            return -Errno.EINVAL;
        }
        if (!name.equals(SELF_EXE)) {
            return -Errno.ENOENT;
        }
        byte[] target = ("/" + p.name()).getBytes(StandardCharsets.UTF_8);
        try {
            memory.write(buf, Arrays.copyOf(target, (int) Math.min(target.length, size)));
            return Math.min(target.length, size);
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
    }

    /** getcwd: "/" with its NUL; the result is the length stored, as the system call (not libc) returns. */
    long getcwd(UserMemory memory, long buf, long size) {
        if (size < 2) {
            return -Errno.ERANGE;
        }
        try {
            memory.write(buf, new byte[] {'/', 0});
            return 2;
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
    }

    /** The NUL-terminated path at {@code path} (at most PATH_MAX bytes), or null when the guest cannot read it. */
    private static String readPath(UserMemory memory, long path) {
        try {
            return memory.readString(path, PATH_MAX);
        } catch (UserMemory.Fault e) {
            return null;
        }
    }

    static void put(byte[] b, int offset, long value, int size) {
        for (int i = 0; i < size; i++) {
            b[offset + i] = (byte) (value >>> (8 * i));
        }
    }
}
