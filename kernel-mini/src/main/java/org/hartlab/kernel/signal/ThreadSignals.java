package org.hartlab.kernel.signal;

/**
 * A thread's signal state: its mask, the signals sent to it alone (tgkill, faults), its alternate signal stack,
 * and the mask rt_sigsuspend replaced while it waits. Guarded by the kernel lock.
 */
public final class ThreadSignals {
    /** No mask saved by rt_sigsuspend (a real mask never has the unblockable bits). */
    static final long NO_SAVED_MASK = -1;
    public static final int SS_ONSTACK = 1, SS_DISABLE = 2;

    private long blocked;
    private long savedMask = NO_SAVED_MASK;
    /** The signals an rt_sigtimedwait sleeps for: they wake it even while blocked (Linux's real_blocked). */
    private long awaited;
    private final SigQueue pending = new SigQueue();
    private long altStack;
    private long altStackSize;
    private int altStackFlags = SS_DISABLE;

    public long blocked() {
        return blocked;
    }

    /** Sets the mask; SIGKILL and SIGSTOP are never blocked. */
    public void setBlocked(long mask) {
        blocked = mask & ~Sig.UNBLOCKABLE;
    }

    public SigQueue pending() {
        return pending;
    }

    public long awaited() {
        return awaited;
    }

    /** What the thread's rt_sigtimedwait sleeps for; 0 once it is runnable again. */
    public void setAwaited(long set) {
        awaited = set;
    }

    long savedMask() {
        return savedMask;
    }

    void setSavedMask(long mask) {
        savedMask = mask;
    }

    /** A new thread or forked child: the creator's mask, nothing pending (clone(2)). */
    public void inheritFrom(ThreadSignals creator, boolean keepAltStack) {
        blocked = creator.blocked;
        if (keepAltStack) {
            altStack = creator.altStack;
            altStackSize = creator.altStackSize;
            altStackFlags = creator.altStackFlags;
        }
    }

    long altStack() {
        return altStack;
    }

    long altStackSize() {
        return altStackSize;
    }

    int altStackFlags() {
        return altStackFlags;
    }

    void setAltStack(long sp, long size, int flags) {
        altStack = sp;
        altStackSize = size;
        altStackFlags = flags;
    }

    /** True if {@code sp} lies on the alternate stack (Linux's on_sig_stack). */
    boolean onAltStack(long sp) {
        return altStackFlags != SS_DISABLE && Long.compareUnsigned(sp - altStack, altStackSize) <= 0
                && sp != altStack;
    }

    /** execve: no alternate stack any more. */
    public void exec() {
        setAltStack(0, 0, SS_DISABLE);
    }
}
