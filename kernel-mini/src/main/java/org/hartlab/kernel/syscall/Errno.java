package org.hartlab.kernel.syscall;

/** Linux errno values the kernel returns (negated in a0). */
public final class Errno {
    private Errno() {
    }

    public static final long EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EBADF = 9, ECHILD = 10, EAGAIN = 11;
    public static final long ENOMEM = 12, EFAULT = 14, EINVAL = 22, ENOTTY = 25, ERANGE = 34, ENOSYS = 38;
    public static final long ETIMEDOUT = 110;
}
