package org.hartlab.kernel.signal;

import java.util.List;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.proc.Interruption;
import org.hartlab.kernel.proc.KThread;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.kernel.proc.Scheduler;
import org.hartlab.kernel.syscall.Errno;
import org.hartlab.kernel.vm.UserMemory;
import org.hartlab.kernel.vm.VmMap;

/**
 * The signal system calls: rt_sigaction, rt_sigprocmask, rt_sigpending, rt_sigsuspend, rt_sigtimedwait,
 * sigaltstack, kill, tkill, tgkill and rt_sigreturn, with their arguments checked in the order Linux checks them
 * (EINVAL, EFAULT, ESRCH; every process may signal every other, so never EPERM). Kernel lock.
 */
public final class SignalCalls {
    private static final int SIGSET_SIZE = 8;
    private static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
    static final int SS_AUTODISARM = 1 << 31;
    /** MINSIGSTKSZ on riscv64. */
    private static final long MIN_SIGSTACK = 2048;

    private final Kernel kernel;
    private final Signals signals;

    public SignalCalls(Kernel kernel) {
        this.kernel = kernel;
        this.signals = kernel.signals();
    }

    public long rtSigaction(Proc p, UserMemory memory, long signal, long act, long oldact, long setSize) {
        int s = (int) signal; // as Linux: the signal number is an int, the upper half of a0 does not count
        if (setSize != SIGSET_SIZE || !Sig.valid(s) || act != 0 && (s == Sig.SIGKILL || s == Sig.SIGSTOP)) {
            return -Errno.EINVAL;
        }
        try {
            SigAction replacement = null;
            if (act != 0) {
                replacement = new SigAction(memory.read64(act), memory.read64(act + 8) & Sig.SA_KNOWN,
                        memory.read64(act + 16) & ~Sig.UNBLOCKABLE);
            }
            SigAction old = p.signals().action(s);
            if (replacement != null) {
                p.signals().setAction(s, replacement);
                if (replacement.ignores(s)) { // POSIX: a pending signal set to be ignored is discarded
                    p.signals().shared().discard(s);
                    p.threads().forEach(t -> t.signals().pending().discard(s));
                }
            }
            if (oldact != 0) {
                memory.write64(oldact, old.handler());
                memory.write64(oldact + 8, old.flags());
                memory.write64(oldact + 16, old.mask());
            }
            return 0;
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
    }

    /** As Linux: the new set is read (EFAULT) and applied (EINVAL for a bad how) before the old one is stored. */
    public long rtSigprocmask(KThread t, UserMemory memory, long how, long set, long oldset, long setSize) {
        if (setSize != SIGSET_SIZE) {
            return -Errno.EINVAL;
        }
        ThreadSignals ts = t.signals();
        long old = ts.blocked();
        try {
            if (set != 0) {
                long requested = memory.read64(set);
                switch ((int) how) { // an int, as the signal numbers
                    case SIG_BLOCK -> ts.setBlocked(old | requested);
                    case SIG_UNBLOCK -> ts.setBlocked(old & ~requested);
                    case SIG_SETMASK -> ts.setBlocked(requested);
                    default -> {
                        return -Errno.EINVAL;
                    }
                }
            }
            if (oldset != 0) {
                memory.write64(oldset, old);
            }
            return 0;
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
    }

    /** rt_sigpending: the blocked signals pending for the thread or its process. */
    public long rtSigpending(KThread t, UserMemory memory, long set, long setSize) {
        if (setSize < 0 || setSize > SIGSET_SIZE) {
            return -Errno.EINVAL;
        }
        long pending = (t.signals().pending().set() | t.proc().signals().shared().set()) & t.signals().blocked();
        try {
            memory.write(set, java.util.Arrays.copyOf(le64(pending), (int) setSize));
            return 0;
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
    }

    /**
     * rt_sigsuspend: waits with the mask replaced until a signal's handler runs (then -EINTR, and the old mask
     * is back after the handler) or the process ends.
     */
    public long rtSigsuspend(Hart hart, KThread t, UserMemory memory, long set, long setSize) {
        if (setSize != SIGSET_SIZE) {
            return -Errno.EINVAL;
        }
        long mask;
        try {
            mask = memory.read64(set);
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
        ThreadSignals ts = t.signals();
        ts.setSavedMask(ts.blocked());
        ts.setBlocked(mask);
        if (t.signalPending()) {
            t.markInterrupted(Interruption.NO_RESTART); // one is pending already: delivered on this return to user mode
            return -Interruption.ERESTARTNOHAND;
        }
        kernel.scheduler().sleep(hart, new Object(), Interruption.NO_RESTART);
        return 0;
    }

    /** No deadline for {@link #rtSigtimedwait}: a null timeout. */
    public static final long NO_TIMEOUT = -1;

    /**
     * rt_sigtimedwait: takes a pending signal of {@code set} and returns its number, its siginfo stored at
     * {@code info} unless null; with none pending, sleeps until one is sent (the set wakes it even though it
     * blocks them, as Linux's real_blocked), until mtime reaches {@code wakeAt} (EAGAIN; at once for a zero
     * timeout), or until another signal's handler must run (EINTR, never restarted). SIGKILL and SIGSTOP are
     * never waited for.
     */
    public long rtSigtimedwait(Hart hart, KThread t, UserMemory memory, long set, long info, long wakeAt,
                               long setSize) {
        if (setSize != SIGSET_SIZE) {
            return -Errno.EINVAL;
        }
        long wanted;
        try {
            wanted = memory.read64(set) & ~Sig.UNBLOCKABLE;
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
        long taken = take(t, wanted, memory, info);
        if (taken != 0) {
            return taken;
        }
        if (wakeAt != NO_TIMEOUT && wakeAt <= kernel.machine().clock().now()) {
            return -Errno.EAGAIN;
        }
        t.signals().setAwaited(wanted);
        hart.setRegister(10, -Errno.EAGAIN); // what it resumes with when the deadline wakes it
        VmMap map = t.proc().vmMap();
        Object channel = wakeAt == NO_TIMEOUT ? new Object() : new Scheduler.TimedWait(wakeAt);
        kernel.scheduler().sleep(hart, channel, self -> {
            long got = take(t, wanted, new UserMemory(map, kernel.machine().bus(), self), info);
            return got != 0 ? got : -Errno.EINTR;
        });
        return 0;
    }

    /**
     * Takes a pending signal of {@code wanted} ({@link Signals#dequeue}) and stores its siginfo at {@code info}
     * unless null: its number, 0 when none is pending, -EFAULT when the siginfo cannot be stored (the signal is
     * consumed, as on Linux).
     */
    private static long take(KThread t, long wanted, UserMemory memory, long info) {
        SigInfo taken = Signals.dequeue(t, ~wanted);
        if (taken == null) {
            return 0;
        }
        try {
            if (info != 0) {
                memory.write(info, taken.bytes());
            }
            return taken.signo();
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
    }

    /** sigaltstack: reads the new stack first, stores the old one, then installs (Linux's do_sigaltstack). */
    public long sigaltstack(KThread t, Hart hart, UserMemory memory, long ss, long oldss) {
        ThreadSignals ts = t.signals();
        long sp = hart.register(2);
        try {
            long[] next = ss == 0 ? null : new long[] {memory.read64(ss), memory.read64(ss + 8) & 0xFFFF_FFFFL,
                    memory.read64(ss + 16)};
            int oldFlags = ts.altStackFlags() & SS_AUTODISARM
                    | (ts.onAltStack(sp) ? ThreadSignals.SS_ONSTACK : ts.altStackSize() == 0
                    ? ThreadSignals.SS_DISABLE : 0);
            long oldBase = ts.altStack();
            long oldSize = ts.altStackSize();
            long result = next == null ? 0 : setAltStack(ts, sp, next[0], (int) next[1], next[2]);
            if (result == 0 && oldss != 0) {
                memory.write64(oldss, oldBase);
                memory.write64(oldss + 8, oldFlags & 0xFFFF_FFFFL);
                memory.write64(oldss + 16, oldSize);
            }
            return result;
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
    }

    /** Installs an alternate stack as Linux checks it: EPERM while on it, EINVAL for bad flags, ENOMEM if small. */
    static long setAltStack(ThreadSignals ts, long sp, long base, int flags, long size) {
        if (ts.onAltStack(sp)) {
            return -Errno.EPERM;
        }
        int mode = flags & ~SS_AUTODISARM;
        if (mode != ThreadSignals.SS_DISABLE && mode != ThreadSignals.SS_ONSTACK && mode != 0) {
            return -Errno.EINVAL;
        }
        if (mode == ThreadSignals.SS_DISABLE) {
            ts.setAltStack(0, 0, ThreadSignals.SS_DISABLE);
            return 0;
        }
        if (size < MIN_SIGSTACK) {
            return -Errno.ENOMEM;
        }
        ts.setAltStack(base, size, flags & SS_AUTODISARM);
        return 0;
    }

    /**
     * kill: pid > 0 one process, 0 the caller's group, -1 every process but the caller and pid 1, < -1 a group;
     * signal 0 only checks that there is one. As Linux: ESRCH before EINVAL, pid and signal are ints.
     */
    public long kill(Hart hart, Proc caller, long pidArg, long signalArg) {
        int pid = (int) pidArg;
        int signal = (int) signalArg;
        if (pid == Integer.MIN_VALUE) {
            return -Errno.ESRCH;
        }
        List<Proc> targets = kernel.processes().all().values().stream().filter(p -> !p.exited())
                .filter(p -> pid > 0 ? p.pid() == pid : pid == 0 ? p.processGroup() == caller.processGroup()
                        : pid == -1 ? p != caller && p.pid() != 1 : p.processGroup() == -pid)
                .toList();
        if (targets.isEmpty()) {
            return -Errno.ESRCH;
        }
        if (signal != 0 && !Sig.valid(signal)) {
            return -Errno.EINVAL;
        }
        if (signal != 0) {
            targets.forEach(p -> signals.sendToProcess(hart, p, SigInfo.sentBy(signal, Sig.SI_USER, caller.pid())));
        }
        return 0;
    }

    /** tgkill: thread {@code tid} of process {@code tgid}. */
    public long tgkill(Hart hart, Proc caller, long tgid, long tid, long signal) {
        return (int) tgid <= 0 ? -Errno.EINVAL : threadKill(hart, caller, (int) tgid, (int) tid, (int) signal);
    }

    /** tkill: thread {@code tid} of whichever process. */
    public long tkill(Hart hart, Proc caller, long tid, long signal) {
        return threadKill(hart, caller, 0, (int) tid, (int) signal);
    }

    /** As Linux's do_tkill: EINVAL for a tid that cannot be one, ESRCH for no such thread, then the signal. */
    private long threadKill(Hart hart, Proc caller, int tgid, int tid, int signal) {
        if (tid <= 0) {
            return -Errno.EINVAL;
        }
        KThread target = null;
        for (Proc p : kernel.processes().all().values()) {
            for (KThread t : p.threads()) {
                if (t.tid() == tid && t.state() != KThread.State.EXITED && !p.exited()
                        && (tgid == 0 || p.pid() == tgid)) {
                    target = t;
                }
            }
        }
        if (target == null) {
            return -Errno.ESRCH;
        }
        if (signal != 0 && !Sig.valid(signal)) {
            return -Errno.EINVAL;
        }
        if (signal != 0) {
            signals.sendToThread(hart, target, SigInfo.sentBy(signal, Sig.SI_TKILL, caller.pid()));
        }
        return 0;
    }

    public long rtSigreturn(Hart hart, KThread t) {
        return signals.sigreturn(hart, t);
    }

    private static byte[] le64(long v) {
        byte[] b = new byte[8];
        SigInfo.putLe(b, 0, v, 8);
        return b;
    }
}
