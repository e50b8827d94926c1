package org.hartlab.kernel.syscall;

import java.util.List;
import org.hartlab.core.hart.Hart;
import org.hartlab.core.trace.Event;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.proc.KThread;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.kernel.signal.SignalCalls;
import org.hartlab.kernel.vm.OutOfMemoryException;
import org.hartlab.kernel.vm.Prot;
import org.hartlab.kernel.vm.Sv39Pmap;
import org.hartlab.kernel.vm.UserMemory;
import org.hartlab.kernel.vm.VmMap;
import org.hartlab.kernel.vm.VmMapEntry;

/**
 * System calls with Linux riscv64 numbers and conventions: number in a7, arguments in a0–a5, result (or a
 * negative errno) in a0. Anything not listed returns -ENOSYS.
 */
public final class Syscalls {
    static final int WRITE = 64, READ = 63, EXIT = 93, EXIT_GROUP = 94, BRK = 214, MMAP = 222, MUNMAP = 215;
    static final int GETPID = 172, GETTID = 178, SET_TID_ADDRESS = 96, SCHED_YIELD = 124, IOCTL = 29;
    static final int CLONE = 220, WAIT4 = 260, FUTEX = 98, GETPPID = 173;
    static final int MPROTECT = 226, NANOSLEEP = 101, CLOCK_GETTIME = 113, GETRANDOM = 278;
    static final int GETITIMER = 102, SETITIMER = 103;
    static final int WRITEV = 66, UNAME = 160;
    static final int CLOCK_GETRES = 114, CLOCK_NANOSLEEP = 115, GETTIMEOFDAY = 169;
    static final int SET_ROBUST_LIST = 99, RT_SIGACTION = 134, RT_SIGPROCMASK = 135, MADVISE = 233;
    static final int GETUID = 174, GETEUID = 175, GETGID = 176, GETEGID = 177, PRCTL = 167;
    static final int GETRLIMIT = 163, PRLIMIT64 = 261, SCHED_GETAFFINITY = 123;
    static final int GETCWD = 17, READLINKAT = 78, NEWFSTATAT = 79, FSTAT = 80;
    static final int KILL = 129, TKILL = 130, TGKILL = 131, SIGALTSTACK = 132, RT_SIGSUSPEND = 133;
    static final int RT_SIGPENDING = 136, RT_SIGTIMEDWAIT = 137, RT_SIGRETURN = 139;
    static final int DUP = 23, DUP3 = 24, FCNTL = 25, OPENAT = 56, CLOSE = 57, PIPE2 = 59, LSEEK = 62;
    static final int READV = 65, PSELECT6 = 72, PPOLL = 73, EXECVE = 221;
    private static final long MAP_SHARED = 0x01;
    /** hartlab's own call: hartlab_mark(a, b) puts an instant event on the trace (cow-race's violations). */
    static final int HARTLAB_MARK = 1000;
    private static final long CLONE_VM = 0x100, CLONE_SETTLS = 0x80000, CLONE_PARENT_SETTID = 0x100000;
    private static final long CLONE_CHILD_CLEARTID = 0x200000, CLONE_THREAD = 0x10000;
    private static final long CLONE_CHILD_SETTID = 0x1000000;
    private static final long WNOHANG = 1;
    private static final int FUTEX_BITSET_MATCH_ANY = -1, FUTEX_ROBUST_HEAD_SIZE = 24;
    private static final long MAP_PRIVATE = 0x02, MAP_ANONYMOUS = 0x20, MAP_FIXED = 0x10;
    private static final long MAX_IO = 1 << 20;
    /** madvise advice Linux knows (0–25 but 5–7); DONTNEED (4) is the one that changes memory. */
    private static final long MADV_DONTNEED = 4, MADV_LAST = 25;
    private static final long MMAP_TOP = (1L << 38) - (16L << 20) - (1L << 30);

    private final Kernel kernel;
    private final java.util.concurrent.atomic.LongAdder unknown = new java.util.concurrent.atomic.LongAdder();
    private final Time time;
    private final ITimers itimers;
    private final Futex futex;
    private final SignalCalls signals;
    private final Files files;
    private final FileIo io;
    private final Descriptors descriptors;
    private final Poll poll;
    private final Exec exec;
    private final Limits limits;
    private final java.util.concurrent.atomic.LongAdder marks = new java.util.concurrent.atomic.LongAdder();

    public Syscalls(Kernel kernel) {
        this.kernel = kernel;
        this.time = new Time(kernel);
        this.itimers = new ITimers(kernel, time);
        this.futex = new Futex(kernel, time);
        this.limits = new Limits(kernel);
        this.signals = new SignalCalls(kernel);
        this.files = new Files(kernel);
        this.io = new FileIo(kernel);
        this.descriptors = new Descriptors(kernel);
        this.poll = new Poll(kernel, time);
        this.exec = new Exec(kernel);
    }

    private static boolean lastThread(KThread t) {
        return t.proc().threads().stream().allMatch(o -> o == t || o.state() == KThread.State.EXITED);
    }

    /**
     * A stop at a violating exit (see ViolationStop): the ecall is left to run again when the machine goes on, so
     * sepc goes back to it and a0 keeps the status.
     */
    private boolean stopsBeforeExit(Hart hart, KThread t, String call, long status) {
        if (!kernel.violationStop().beforeExit(hart, t, call, (int) (status & 0xFF))) {
            return false;
        }
        hart.csrs().setSepc(hart.csrs().sepc() - 4);
        return true;
    }

    /** Runs the system call the thread on {@code hart} asked for; sepc already points past the ecall. */
    public void dispatch(Hart hart, KThread t) {
        long[] a = new long[6];
        for (int i = 0; i < 6; i++) {
            a[i] = hart.register(10 + i);
        }
        long a7 = hart.register(17);
        // The whole register is the number: 2^32 + 64 is no write, whatever its low half says.
        int number = a7 < 0 || a7 > Integer.MAX_VALUE ? -1 : (int) a7;
        Proc p = t.proc();
        UserMemory memory = new UserMemory(p.vmMap(), kernel.machine().bus(), hart);
        long result = switch (number) {
            case WRITE -> io.write(hart, t, memory, a[0], a[1], a[2]);
            case READ -> io.read(hart, t, memory, a[0], a[1], a[2]);
            case WRITEV -> io.writev(hart, t, memory, a[0], a[1], a[2]);
            case READV -> io.readv(hart, t, memory, a[0], a[1], a[2]);
            case LSEEK -> io.lseek(t, a[0]);
            case PIPE2 -> descriptors.pipe2(hart, t, memory, a[0], a[1]);
            case DUP -> descriptors.dup(t, a[0]);
            case DUP3 -> descriptors.dup3(hart, t, a[0], a[1], a[2]);
            case FCNTL -> descriptors.fcntl(t, a[0], a[1], a[2]);
            case CLOSE -> descriptors.close(hart, t, a[0]);
            case PPOLL -> poll.ppoll(hart, t, memory, a[0], a[1], a[2], a[3], a[4]);
            case PSELECT6 -> poll.pselect6(hart, t, memory, a);
            case OPENAT -> files.openat(p, memory, a[1], a[2]);
            case EXECVE -> {
                long r = exec.execve(hart, t, memory, a[0], a[1], a[2]);
                if (r == 0) {
                    futex.setRobustList(t, 0, FUTEX_ROBUST_HEAD_SIZE); // the old image's list is gone with it
                }
                yield r;
            }
            case UNAME -> uname(memory, a[0]);
            case EXIT -> {
                if (lastThread(t) && stopsBeforeExit(hart, t, "exit", a[0])) {
                    yield a[0];
                }
                exitThread(hart, t, memory, (int) a[0]);
                yield 0;
            }
            case EXIT_GROUP -> {
                if (stopsBeforeExit(hart, t, "exit_group", a[0])) {
                    yield a[0];
                }
                kernel.exitProcess(hart, p, (int) (a[0] & 0xFF) << 8);
                yield 0;
            }
            case CLONE -> clone(hart, t, memory, a[0], a[1], a[2], a[3], a[4]);
            case WAIT4 -> wait4(hart, p, memory, a[0], a[1], a[2]);
            case FUTEX -> futex.futex(hart, t, memory, a);
            case SET_ROBUST_LIST -> futex.setRobustList(t, a[0], a[1]);
            case GETPPID -> p.parent() == null ? 0 : p.parent().pid();
            case HARTLAB_MARK -> {
                marks.increment();
                kernel.machine().event(hart.id(), Event.Kind.MARK, Event.Phase.INSTANT, -1,
                        "pid %d tid %d: %d != %d".formatted(p.pid(), t.tid(), a[0], a[1]));
                kernel.violationStop().atMark(hart, t, a[0], a[1]);
                yield 0;
            }
            case BRK -> brk(hart, p, a[0]);
            case MMAP -> mmap(p, a[0], a[1], (int) a[2], a[3], a[4]);
            case MUNMAP -> munmap(hart, p, a[0], a[1]);
            case GETPID -> p.pid();
            case GETTID -> t.tid();
            case SET_TID_ADDRESS -> {
                t.setClearChildTid(a[0]);
                yield t.tid();
            }
            case MPROTECT -> mprotect(hart, p, a[0], a[1], (int) a[2]);
            case MADVISE -> madvise(hart, p, a[0], a[1], a[2]);
            case NANOSLEEP -> time.nanosleep(hart, memory, a[0], a[1]);
            case GETITIMER -> itimers.getitimer(p, memory, a[0], a[1]);
            case SETITIMER -> itimers.setitimer(p, memory, a[0], a[1], a[2]);
            case CLOCK_NANOSLEEP -> time.clockNanosleep(hart, memory, a[0], a[1], a[2], a[3]);
            case CLOCK_GETTIME -> time.clockGettime(memory, a[0], a[1]);
            case CLOCK_GETRES -> time.clockGetres(memory, a[0], a[1]);
            case GETTIMEOFDAY -> time.gettimeofday(memory, a[0], a[1]);
            case RT_SIGACTION -> signals.rtSigaction(p, memory, a[0], a[1], a[2], a[3]);
            case RT_SIGPROCMASK -> signals.rtSigprocmask(t, memory, a[0], a[1], a[2], a[3]);
            case RT_SIGPENDING -> signals.rtSigpending(t, memory, a[0], a[1]);
            case RT_SIGSUSPEND -> signals.rtSigsuspend(hart, t, memory, a[0], a[1]);
            case RT_SIGTIMEDWAIT -> time.rtSigtimedwait(hart, t, memory, signals, a);
            case SIGALTSTACK -> signals.sigaltstack(t, hart, memory, a[0], a[1]);
            case RT_SIGRETURN -> signals.rtSigreturn(hart, t);
            case KILL -> signals.kill(hart, p, a[0], a[1]);
            case TKILL -> signals.tkill(hart, p, a[0], a[1]);
            case TGKILL -> signals.tgkill(hart, p, a[0], a[1], a[2]);
            case GETUID, GETEUID, GETGID, GETEGID -> 0;
            case PRLIMIT64 -> limits.prlimit64(p, memory, a[0], a[1], a[2], a[3]);
            case GETRLIMIT -> limits.prlimit64(p, memory, 0, a[0], 0, a[1]);
            case SCHED_GETAFFINITY -> limits.schedGetaffinity(t, memory, a[0], a[1], a[2]);
            case PRCTL -> limits.prctl(p, memory, a[0], a[1]);
            case FSTAT -> files.fstat(p, memory, a[0], a[1]);
            case NEWFSTATAT -> files.newfstatat(p, memory, a[0], a[1], a[2], a[3]);
            case READLINKAT -> files.readlinkat(p, memory, a[1], a[2], a[3]);
            case GETCWD -> files.getcwd(memory, a[0], a[1]);
            case GETRANDOM -> getrandom(memory, a[0], a[1]);
            case SCHED_YIELD -> {
                kernel.scheduler().requeue(hart);
                yield 0;
            }
            case IOCTL -> io.ioctl(t, memory, a[0], a[1], a[2]);
            default -> -Errno.ENOSYS;
        };
        if (result == -Errno.ENOSYS && number != RT_SIGRETURN) { // sigreturn's result is the restored a0
            unknown.increment(); // unknown calls and unsupported sub-operations (futex's PI operations, ...)
        }
        if (t.state() == KThread.State.RUNNING && kernel.scheduler().current(hart) == t) {
            hart.setRegister(10, result);
        } else if (t.state() == KThread.State.RUNNABLE) {
            t.setResult(result); // requeued by sched_yield: the result goes into its saved registers
        }
        // A sleeping thread restarts the call when woken; an exited one has no result.
    }

    /** hartlab_mark calls so far: what {@code stress} counts as a program's violations. */
    public long marks() {
        return marks.sum();
    }

    /** System calls answered with -ENOSYS so far. */
    public long unknown() {
        return unknown.sum();
    }

    /** Puts the calling thread to sleep so that it re-executes its ecall when woken (restart semantics). */
    private void sleepAndRestart(Hart hart, Object channel) {
        sleepAndRestart(kernel, hart, channel);
    }

    /** As above, for the other system-call classes. */
    static void sleepAndRestart(Kernel kernel, Hart hart, Object channel) {
        hart.csrs().setSepc(hart.csrs().sepc() - 4);
        kernel.scheduler().sleep(hart, channel);
    }

    private void exitThread(Hart hart, KThread t, UserMemory memory, int code) {
        Proc p = t.proc();
        boolean last = p.threads().stream().filter(o -> o != t).allMatch(o -> o.state() == KThread.State.EXITED);
        if (last) {
            kernel.exitProcess(hart, p, (code & 0xFF) << 8);
            return;
        }
        futex.exitRobustList(hart, t, memory);
        clearChildTid(hart, t, memory);
        t.setExited();
        kernel.retire(hart, t);
        kernel.processes().removeThread(t);
    }

    /** CLONE_CHILD_CLEARTID: zero the word and wake one futex waiter (a joining thread). */
    private void clearChildTid(Hart hart, KThread t, UserMemory memory) {
        long address = t.clearChildTid();
        if (address == 0) {
            return;
        }
        try {
            memory.write(address, new byte[4]);
        } catch (UserMemory.Fault e) {
            return; // the word is gone; nobody can be waiting on it
        }
        futex.wake(new Futex.Key(t.proc().vmMap(), address), Integer.MAX_VALUE, FUTEX_BITSET_MATCH_ANY,
                hart);
    }

    private long clone(Hart hart, KThread t, UserMemory memory, long flags, long stack, long ptid, long tls, long ctid) {
        Proc p = t.proc();
        if ((flags & CLONE_VM) != 0) {
            if ((flags & CLONE_THREAD) == 0) {
                return -Errno.EINVAL; // a shared address space without thread semantics is not supported
            }
            KThread child = kernel.processes().newThread(p, hart, stack, tls, (flags & CLONE_SETTLS) != 0);
            if (child == null) {
                return -Errno.EAGAIN;
            }
            if ((flags & CLONE_PARENT_SETTID) != 0) {
                try {
                    memory.write(ptid, Futex.le32(child.tid()));
                } catch (UserMemory.Fault e) {
                    // As Linux: the thread exists by now, so a bad ptid loses only the stored tid.
                }
            }
            if ((flags & CLONE_CHILD_CLEARTID) != 0) {
                child.setClearChildTid(ctid);
            }
            child.signals().inheritFrom(t.signals(), false);
            kernel.scheduler().makeRunnable(child, hart);
            return child.tid();
        }
        int pid = kernel.processes().nextPid();
        if (pid < 0) {
            return -Errno.EAGAIN;
        }
        Proc child;
        VmMap parent = p.vmMap();
        // The parent's pages are write-protected and shot down first, then the rest of fork takes its time, as in
        // FreeBSD's vmspace_fork (pmap_protect entry by entry, then the process structures): meanwhile the other
        // threads run on, their writes wait for the kernel, their reads cache the shared pages read-only.
        long cost = kernel.costs().forkOf(parent.entries().size(), parent.residentPages(),
                parent.pmap().tablePages().size());
        try {
            VmMap map = p.vmMap().fork(new Sv39Pmap(kernel.machine().bus(), kernel.vm(), pid), hart);
            child = kernel.processes().fork(pid, p, map, hart);
        } catch (OutOfMemoryException e) {
            return -Errno.ENOMEM;
        }
        kernel.machine().spend(hart, cost);
        KThread childThread = child.threads().getFirst();
        child.signals().copyActionsFrom(p.signals());
        childThread.signals().inheritFrom(t.signals(), true);
        if ((flags & CLONE_CHILD_SETTID) != 0) {
            try { // as Linux's schedule_tail: the child's own copy of the word holds its tid (glibc's fork asks)
                new UserMemory(child.vmMap(), kernel.machine().bus(), hart).write(ctid, Futex.le32(childThread.tid()));
            } catch (UserMemory.Fault e) {
                // as Linux: a bad ctid loses only the stored tid
            }
        }
        if ((flags & CLONE_CHILD_CLEARTID) != 0) {
            childThread.setClearChildTid(ctid);
        }
        kernel.scheduler().makeRunnable(childThread, hart);
        return pid;
    }

    private long wait4(Hart hart, Proc p, UserMemory memory, long pid, long status, long options) {
        List<Proc> candidates = p.children().stream().filter(c -> pid == -1 || c.pid() == pid).toList();
        if (candidates.isEmpty()) {
            return -Errno.ECHILD;
        }
        for (Proc c : candidates) {
            if (c.exited() && c.vmDestroyed()) {
                // As Linux: the child is reaped even when its status cannot be stored.
                kernel.processes().reap(c);
                try {
                    if (status != 0) {
                        memory.write(status, Futex.le32(c.exitStatus()));
                    }
                } catch (UserMemory.Fault e) {
                    return -Errno.EFAULT;
                }
                return c.pid();
            }
        }
        if ((options & WNOHANG) != 0) {
            return 0;
        }
        sleepAndRestart(hart, p);
        return 0;
    }

    /** uname: six 65-byte fields, as Linux's struct new_utsname. */
    private long uname(UserMemory memory, long buf) {
        String[] fields = {"Linux", "hartlab", "6.1.0-hartlab", "#1 hartlab kernel-mini", "riscv64", "(none)"};
        try {
            for (int i = 0; i < fields.length; i++) {
                byte[] field = new byte[65];
                byte[] text = fields[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                System.arraycopy(text, 0, field, 0, text.length);
                memory.write(buf + 65L * i, field);
            }
            return 0;
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
    }

    private long brk(Hart hart, Proc p, long requested) {
        long start = p.heapStart();
        if (requested < start || requested > start + (1L << 30)) {
            return p.brk();
        }
        long end = VmMap.pageUp(requested);
        VmMap map = p.vmMap();
        VmMapEntry heap = p.heap();
        if (heap == null) {
            if (end > start) {
                if (!map.isFree(start, end)) {
                    return p.brk();
                }
                p.setHeap(map.insert(start, end, Prot.READ | Prot.WRITE, "heap"), start, requested);
            } else {
                p.setBrk(requested);
            }
            return requested;
        }
        if (end == start) {
            map.remove(start, heap.end(), hart);
            p.setHeap(null, start, requested);
            return requested;
        }
        if (!map.resize(heap, end, hart)) {
            return p.brk();
        }
        p.setBrk(requested);
        return requested;
    }

    private long mmap(Proc p, long addr, long len, int prot, long flags, long fd) {
        boolean shared = (flags & MAP_SHARED) != 0;
        if (len == 0 || (flags & MAP_ANONYMOUS) == 0 || shared == ((flags & MAP_PRIVATE) != 0)
                || (flags & MAP_FIXED) != 0) {
            return -Errno.EINVAL;
        }
        if (len < 0 || len > VmMap.USER_END) {
            return -Errno.ENOMEM; // as Linux: more than the address space can hold (2^64 - 1 included)
        }
        // addr without MAP_FIXED is only a hint, which this kernel does not take.
        long length = VmMap.pageUp(len);
        VmMap map = p.vmMap();
        long start = map.findSpace(length, MMAP_TOP);
        if (start < 0) {
            return -Errno.ENOMEM;
        }
        map.insert(start, start + length, prot & (Prot.READ | Prot.WRITE | Prot.EXEC), "mmap", shared);
        return start;
    }

    private long mprotect(Hart hart, Proc p, long addr, long len, int prot) {
        if ((addr & (VmMap.PAGE - 1)) != 0 || (prot & ~(Prot.READ | Prot.WRITE | Prot.EXEC)) != 0) {
            return -Errno.EINVAL;
        }
        if (len == 0) {
            return 0;
        }
        if (!inUserSpace(addr, len)) {
            return -Errno.ENOMEM; // as Linux: the range cannot all be mapped
        }
        return p.vmMap().protect(addr, addr + VmMap.pageUp(len), prot, hart) ? 0 : -Errno.ENOMEM;
    }

    /** True when {@code [addr, addr + len)} lies in user space, without overflowing (len is unsigned). */
    private static boolean inUserSpace(long addr, long len) {
        return addr >= 0 && addr < VmMap.USER_END && len > 0 && len <= VmMap.USER_END - addr;
    }

    /** Random bytes from the boot's seeded generator: reproducible per seed. */
    private long getrandom(UserMemory memory, long buf, long len) {
        if (len < 0) {
            return -Errno.EINVAL;
        }
        byte[] bytes = new byte[(int) Math.min(len, MAX_IO)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) kernel.random().nextInt(256);
        }
        try {
            memory.write(buf, bytes);
            return bytes.length;
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
    }

    private long munmap(Hart hart, Proc p, long addr, long len) {
        if ((addr & (VmMap.PAGE - 1)) != 0 || len == 0 || !inUserSpace(addr, len)) {
            return -Errno.EINVAL;
        }
        p.vmMap().remove(addr, addr + VmMap.pageUp(len), hart);
        return 0;
    }

    /**
     * madvise: every advice Linux knows is accepted; MADV_DONTNEED also drops the pages of private anonymous
     * mappings in the range, so they read as zeros again (glibc gives back exited threads' stacks this way).
     * Other mappings keep their pages. A range with a hole is ENOMEM, as on Linux.
     */
    private long madvise(Hart hart, Proc p, long addr, long len, long advice) {
        if ((addr & (VmMap.PAGE - 1)) != 0 || advice < 0 || advice > MADV_LAST || advice >= 5 && advice <= 7) {
            return -Errno.EINVAL;
        }
        if (len == 0) {
            return 0;
        }
        if (!inUserSpace(addr, len)) {
            return -Errno.EINVAL;
        }
        long end = addr + VmMap.pageUp(len);
        VmMap map = p.vmMap();
        List<VmMapEntry> covered = map.entries().stream().filter(e -> e.end() > addr && e.start() < end).toList();
        long next = addr;
        for (VmMapEntry e : covered) {
            if (e.start() > next) {
                return -Errno.ENOMEM;
            }
            next = e.end();
        }
        if (next < end) {
            return -Errno.ENOMEM;
        }
        if (advice == MADV_DONTNEED) {
            for (VmMapEntry e : covered) {
                if (!e.shared() && e.name().equals("mmap")) {
                    long from = Math.max(addr, e.start());
                    long to = Math.min(end, e.end());
                    map.remove(from, to, hart);
                    if (map.isFree(from, to)) { // a shootdown wait lets other threads in: one may have mapped there
                        map.insert(from, to, e.prot(), e.name());
                    }
                }
            }
        }
        return 0;
    }
}
