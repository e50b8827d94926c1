package org.hartlab.kernel.syscall;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hartlab.kernel.file.OpenFile;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.kernel.vm.UserMemory;

/**
 * The file-system queries a static C library makes, answered for a process that has no file system: its open
 * descriptors are pipes and the standard streams, each a FIFO of mode 0600 to fstat (the standard streams as
 * under a test harness, so stdio buffers stdout fully, as it does under qemu-riscv64 in the suite);
 * {@code /proc/self/exe} reads as {@code /NAME}, the program's name; the working directory is {@code /}. No
 * path names a file: openat and newfstatat of a path are ENOENT.
 */
final class Files {
    private static final int STAT_SIZE = 128;
    private static final int BLOCK_SIZE = 4096;
    private static final long AT_EMPTY_PATH = 0x1000;
    private static final int PATH_MAX = 4096;
    private static final String SELF_EXE = "/proc/self/exe";

    /** fstat: a struct stat (asm-generic layout, 128 bytes) for an open descriptor; others are EBADF. */
    long fstat(Proc p, UserMemory memory, long fd, long buf) {
        OpenFile f = p.files().get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        byte[] stat = new byte[STAT_SIZE];
        put(stat, 8, f.inode(), 8);              // st_ino
        put(stat, 16, f.mode(), 4);              // st_mode
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
    long newfstatat(Proc p, UserMemory memory, long dirfd, long path, long buf, long flags) {
        String name = readPath(memory, path);
        if (name == null) {
            return -Errno.EFAULT;
        }
        if (name.isEmpty() && (flags & AT_EMPTY_PATH) != 0) {
            return fstat(p, memory, dirfd, buf);
        }
        return -Errno.ENOENT;
    }

    /** openat: no path names a file here (the path must still be readable: EFAULT). */
    long openat(UserMemory memory, long path) {
        return readPath(memory, path) == null ? -Errno.EFAULT : -Errno.ENOENT;
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
