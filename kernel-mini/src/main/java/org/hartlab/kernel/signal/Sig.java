package org.hartlab.kernel.signal;

/**
 * Linux signal numbers, sigaction flags, si_code values and default actions (signal(7)), and sigset_t
 * helpers: a set is a 64-bit word whose bit {@code n - 1} stands for signal {@code n}.
 */
public final class Sig {
    private Sig() {
    }

    /** _NSIG: signals are 1..64; 32 and up are real-time (queued, not merged). */
    public static final int MAX = 64;
    public static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6;
    public static final int SIGBUS = 7, SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12;
    public static final int SIGPIPE = 13, SIGALRM = 14, SIGTERM = 15, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19;
    public static final int SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22, SIGURG = 23, SIGXCPU = 24, SIGXFSZ = 25;
    public static final int SIGWINCH = 28, SIGSYS = 31, SIGRTMIN = 32;

    /** Handlers that are not addresses. */
    public static final long SIG_DFL = 0, SIG_IGN = 1;

    /** sa_flags bits Linux keeps (UAPI_SA_FLAGS on riscv64, which has no SA_RESTORER). */
    public static final long SA_NOCLDSTOP = 1, SA_NOCLDWAIT = 2, SA_SIGINFO = 4, SA_UNSUPPORTED = 0x400;
    public static final long SA_EXPOSE_TAGBITS = 0x800, SA_ONSTACK = 0x0800_0000, SA_RESTART = 0x1000_0000;
    public static final long SA_NODEFER = 0x4000_0000, SA_RESETHAND = 0x8000_0000L;
    public static final long SA_KNOWN = SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_UNSUPPORTED
            | SA_EXPOSE_TAGBITS | SA_ONSTACK | SA_RESTART | SA_NODEFER | SA_RESETHAND;

    /** si_code values: sent by kill, by tkill/tgkill, by the kernel for a child, and for faults. */
    public static final int SI_USER = 0, SI_TKILL = -6, SI_KERNEL = 0x80;
    public static final int CLD_EXITED = 1, CLD_KILLED = 2;
    public static final int SEGV_MAPERR = 1, SEGV_ACCERR = 2, ILL_ILLOPC = 1, TRAP_BRKPT = 1, BUS_ADRALN = 1;

    /** SIGKILL and SIGSTOP: never blocked, caught or ignored. */
    public static final long UNBLOCKABLE = bit(SIGKILL) | bit(SIGSTOP);
    /** Signals a fault raises: delivered before any other pending one, as Linux's SYNCHRONOUS_MASK. */
    public static final long SYNCHRONOUS = bit(SIGSEGV) | bit(SIGBUS) | bit(SIGILL) | bit(SIGTRAP) | bit(SIGFPE)
            | bit(SIGSYS);
    private static final long IGNORED_BY_DEFAULT = bit(SIGCHLD) | bit(SIGURG) | bit(SIGWINCH);
    /** Job control: this kernel does not stop processes, so stop and continue are ignored (see README). */
    private static final long JOB_CONTROL = bit(SIGCONT) | bit(SIGSTOP) | bit(SIGTSTP) | bit(SIGTTIN) | bit(SIGTTOU);

    /** The set holding only {@code signal}. */
    public static long bit(int signal) {
        return 1L << (signal - 1);
    }

    public static boolean valid(long signal) {
        return signal >= 1 && signal <= MAX;
    }

    /** True if the default action leaves the process running: ignore, and (here) stop and continue. */
    public static boolean ignoredByDefault(int signal) {
        return ((IGNORED_BY_DEFAULT | JOB_CONTROL) & bit(signal)) != 0;
    }

    /** True for the signals whose default action is real-time queuing: each send is its own instance. */
    public static boolean realtime(int signal) {
        return signal >= SIGRTMIN;
    }
}
