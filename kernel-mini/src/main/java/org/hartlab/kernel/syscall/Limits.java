package org.hartlab.kernel.syscall;

import java.nio.charset.StandardCharsets;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.proc.KThread;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.kernel.vm.UserMemory;

/**
 * Identity, limits and process attributes: every process runs as root (uid, euid, gid, egid all 0);
 * prlimit64/getrlimit answer Linux's default limits (8 MiB stack, 1024 files, the rest unlimited) and accept
 * new limits after checking them, without enforcing them; sched_getaffinity says every hart; prctl knows
 * PR_SET_NAME (accepted, not kept) and PR_GET_NAME (the program's name).
 */
final class Limits {
    private static final long INFINITY = -1;
    private static final int RLIMIT_STACK = 3, RLIMIT_CORE = 4, RLIMIT_NOFILE = 7, RLIMIT_MEMLOCK = 8;
    private static final int RLIM_NLIMITS = 16;
    private static final int PR_SET_NAME = 15, PR_GET_NAME = 16, TASK_COMM_LEN = 16;

    private final Kernel kernel;

    Limits(Kernel kernel) {
        this.kernel = kernel;
    }

    /** The default {soft, hard} limit of {@code resource}. */
    private static long[] defaultLimit(int resource) {
        return switch (resource) {
            case RLIMIT_STACK -> new long[] {8L << 20, INFINITY};
            case RLIMIT_CORE -> new long[] {0, INFINITY};
            case RLIMIT_NOFILE -> new long[] {1024, 4096};
            case RLIMIT_MEMLOCK -> new long[] {8L << 20, 8L << 20};
            default -> new long[] {INFINITY, INFINITY};
        };
    }

    long prlimit64(Proc p, UserMemory memory, long pid, long resource, long newLimit, long oldLimit) {
        if (pid != 0 && pid != p.pid()) {
            return -Errno.ESRCH; // other processes' limits are not offered
        }
        if (resource < 0 || resource >= RLIM_NLIMITS) {
            return -Errno.EINVAL;
        }
        try {
            if (newLimit != 0) {
                long soft = memory.read64(newLimit);
                long hard = memory.read64(newLimit + 8);
                if (Long.compareUnsigned(soft, hard) > 0) {
                    return -Errno.EINVAL;
                }
            }
            if (oldLimit != 0) {
                long[] limit = defaultLimit((int) resource);
                memory.write64(oldLimit, limit[0]);
                memory.write64(oldLimit + 8, limit[1]);
            }
            return 0;
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
    }

    /** sched_getaffinity: a mask of every hart, in one 64-bit word; the result is the bytes stored. */
    long schedGetaffinity(KThread t, UserMemory memory, long pid, long size, long mask) {
        if (pid != 0 && t.proc().threads().stream().noneMatch(o -> o.tid() == pid)) {
            return -Errno.ESRCH;
        }
        if (size < 8 || (size & 7) != 0) {
            return -Errno.EINVAL;
        }
        int harts = kernel.machine().harts().size();
        try {
            memory.write64(mask, harts >= 64 ? -1L : (1L << harts) - 1);
            return 8;
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
    }

    long prctl(Proc p, UserMemory memory, long option, long arg) {
        try {
            switch ((int) option) {
                case PR_SET_NAME -> memory.read(arg, 1);
                case PR_GET_NAME -> {
                    byte[] name = p.name().getBytes(StandardCharsets.UTF_8);
                    byte[] comm = new byte[Math.min(name.length, TASK_COMM_LEN - 1) + 1]; // NUL-terminated
                    System.arraycopy(name, 0, comm, 0, comm.length - 1);
                    memory.write(arg, comm);
                }
                default -> {
                    return -Errno.EINVAL;
                }
            }
            return 0;
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
    }
}
