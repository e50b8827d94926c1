package org.hartlab.kernel.syscall;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hartlab.core.elf.ElfImage;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.file.NullDevice;
import org.hartlab.kernel.file.OpenFile;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.kernel.vm.UserMemory;

/**
 * The file-system calls, answered for a process that has no file system: its open descriptors are pipes, the
 * standard streams (each a FIFO of mode 0600 to fstat, as under a test harness, so stdio buffers stdout fully,
 * as it does under qemu-riscv64 in the suite) and {@code /dev/null}, the one path openat opens;
 * {@code /proc/self/exe} reads as {@code /NAME}, the program's name; the working directory is {@code /}.
 * newfstatat finds {@code /} and {@code .} (directories) and every path execve would run (a regular file, so a
 * shell's PATH search finds the bundled programs); any other path is ENOENT.
 */
final class Files {
    private static final int STAT_SIZE = 128;
    private static final int BLOCK_SIZE = 4096;
    private static final int S_IFDIR = 0x4000, S_IFREG = 0x8000, MODE_0755 = 0x1ED;
    /** The root directory's inode number, as on ext4 (pipes and streams count from 1 upwards, far below). */
    private static final long ROOT_INODE = 2;
    private static final long O_CLOEXEC = 0x80000, EMFILE = 24;

    private final Kernel kernel;

    Files(Kernel kernel) {
        this.kernel = kernel;
    }
    private static final long AT_EMPTY_PATH = 0x1000;
    private static final int PATH_MAX = 4096;
    private static final String SELF_EXE = "/proc/self/exe";

    /** fstat: a struct stat (asm-generic layout, 128 bytes) for an open descriptor; others are EBADF. */
    long fstat(Proc p, UserMemory memory, long fd, long buf) {
        OpenFile f = p.files().get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        return writeStat(memory, buf, f.inode(), f.mode(), 0);
    }

    /** Stores a struct stat with these fields (the rest zero: root's, no times). */
    private static long writeStat(UserMemory memory, long buf, long inode, int mode, long size) {
        byte[] stat = new byte[STAT_SIZE];
        put(stat, 8, inode, 8);                  // st_ino
        put(stat, 16, mode, 4);                  // st_mode
        put(stat, 20, 1, 4);                     // st_nlink
        put(stat, 48, size, 8);                  // st_size
        put(stat, 56, BLOCK_SIZE, 4);            // st_blksize
        try {
            memory.write(buf, stat);
            return 0;
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
    }

    /**
     * newfstatat: with AT_EMPTY_PATH and "" it is fstat of {@code dirfd}; else the path is looked up as the class
     * says (relative paths from {@code /}, whatever {@code dirfd} is).
     */
    long newfstatat(Proc p, UserMemory memory, long dirfd, long path, long buf, long flags) {
        String name = readPath(memory, path);
        if (name == null) {
            return -Errno.EFAULT;
        }
        if (name.isEmpty() && (flags & AT_EMPTY_PATH) != 0) {
            return fstat(p, memory, dirfd, buf);
        }
        if (name.equals("/") || name.equals(".")) {
            return writeStat(memory, buf, ROOT_INODE, S_IFDIR | MODE_0755, BLOCK_SIZE);
        }
        ElfImage program = kernel.executable(p, name);
        if (program == null) {
            return -Errno.ENOENT;
        }
        return writeStat(memory, buf, 0, S_IFREG | MODE_0755, 0);
    }

    /** openat: {@code /dev/null} with the flags' access mode, O_NONBLOCK and O_CLOEXEC; any other path ENOENT. */
    long openat(Proc p, UserMemory memory, long path, long flags) {
        String name = readPath(memory, path);
        if (name == null) {
            return -Errno.EFAULT;
        }
        if (!name.equals("/dev/null")) {
            return -Errno.ENOENT;
        }
        if ((flags & OpenFile.O_ACCMODE) == OpenFile.O_ACCMODE) {
            return -Errno.EINVAL;
        }
        int fd = p.files().install(new NullDevice((int) flags, kernel.newInode()), (flags & O_CLOEXEC) != 0, 0);
        return fd < 0 ? -EMFILE : fd;
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
