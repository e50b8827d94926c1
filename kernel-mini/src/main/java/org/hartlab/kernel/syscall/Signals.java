package org.hartlab.kernel.syscall;

import java.util.Map;
import java.util.WeakHashMap;
import org.hartlab.kernel.proc.KThread;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.kernel.vm.UserMemory;

/**
 * rt_sigaction and rt_sigprocmask as bookkeeping only: this kernel delivers no signals yet, so an action is
 * recorded (and read back as the old action) but never runs, and a mask is recorded per thread but blocks
 * nothing. That is what glibc's start-up and pthread_create need (they install SIGCANCEL's handler and block
 * all signals around clone). Arguments are checked as Linux checks them. Guarded by the kernel lock.
 */
final class Signals {
    private static final int SIGNALS = 64, SIGKILL = 9, SIGSTOP = 19;
    private static final int SIGSET_SIZE = 8;
    /** struct sigaction on riscv64: handler, flags, mask (no restorer). */
    private static final int SIGACTION_SIZE = 24;
    private static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
    private static final long UNBLOCKABLE = (1L << (SIGKILL - 1)) | (1L << (SIGSTOP - 1));

    private final Map<Proc, byte[][]> actions = new WeakHashMap<>();
    private final Map<KThread, Long> masks = new WeakHashMap<>();

    long rtSigaction(Proc p, UserMemory memory, long signal, long act, long oldact, long setSize) {
        if (setSize != SIGSET_SIZE || signal < 1 || signal > SIGNALS
                || act != 0 && (signal == SIGKILL || signal == SIGSTOP)) {
            return -Errno.EINVAL;
        }
        byte[][] table = actions.computeIfAbsent(p, k -> new byte[SIGNALS + 1][]);
        try {
            byte[] replacement = act != 0 ? memory.read(act, SIGACTION_SIZE) : null;
            if (oldact != 0) {
                byte[] old = table[(int) signal];
                memory.write(oldact, old != null ? old : new byte[SIGACTION_SIZE]);
            }
            if (replacement != null) {
                table[(int) signal] = replacement;
            }
            return 0;
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
    }

    long rtSigprocmask(KThread t, UserMemory memory, long how, long set, long oldset, long setSize) {
        if (setSize != SIGSET_SIZE) {
            return -Errno.EINVAL;
        }
        long mask = masks.getOrDefault(t, 0L);
        try {
            long requested = 0;
            if (set != 0) {
                if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK) {
                    return -Errno.EINVAL;
                }
                requested = memory.read64(set);
            }
            if (oldset != 0) {
                memory.write64(oldset, mask);
            }
            if (set != 0) {
                long updated = how == SIG_BLOCK ? mask | requested : how == SIG_UNBLOCK ? mask & ~requested : requested;
                masks.put(t, updated & ~UNBLOCKABLE);
            }
            return 0;
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
    }
}
