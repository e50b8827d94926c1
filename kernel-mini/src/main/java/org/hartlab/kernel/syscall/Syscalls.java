package org.hartlab.kernel.syscall;

import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.proc.KThread;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.kernel.vm.Prot;
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
    private static final long MAP_PRIVATE = 0x02, MAP_ANONYMOUS = 0x20, MAP_FIXED = 0x10;
    private static final long MAX_IO = 1 << 20;
    private static final long MMAP_TOP = (1L << 38) - (16L << 20) - (1L << 30);

    private final Kernel kernel;

    public Syscalls(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Runs the system call the thread on {@code hart} asked for; sepc already points past the ecall. */
    public void dispatch(Hart hart, KThread t) {
        long[] a = new long[6];
        for (int i = 0; i < 6; i++) {
            a[i] = hart.register(10 + i);
        }
        int number = (int) hart.register(17);
        Proc p = t.proc();
        UserMemory memory = new UserMemory(p.vmMap(), kernel.machine().bus(), hart);
        long result = switch (number) {
            case WRITE -> write(memory, a[0], a[1], a[2]);
            case READ -> a[0] == 0 ? 0 : -Errno.EBADF;
            case EXIT, EXIT_GROUP -> {
                kernel.exitProcess(hart, p, (int) (a[0] & 0xFF) << 8);
                yield 0;
            }
            case BRK -> brk(hart, p, a[0]);
            case MMAP -> mmap(p, a[0], a[1], (int) a[2], a[3], a[4]);
            case MUNMAP -> munmap(hart, p, a[0], a[1]);
            case GETPID -> p.pid();
            case GETTID, SET_TID_ADDRESS -> t.tid();
            case SCHED_YIELD -> {
                kernel.scheduler().requeue(hart);
                yield 0;
            }
            case IOCTL -> -Errno.ENOTTY;
            default -> -Errno.ENOSYS;
        };
        if (t.state() != KThread.State.EXITED) {
            if (kernel.scheduler().current(hart) == t) {
                hart.setRegister(10, result);
            } else {
                t.setResult(result); // requeued: the result goes into its saved registers
            }
        }
    }

    private long write(UserMemory memory, long fd, long buf, long len) {
        if (fd != 1 && fd != 2) {
            return -Errno.EBADF;
        }
        if (len < 0) {
            return -Errno.EINVAL;
        }
        long n = Math.min(len, MAX_IO);
        try {
            kernel.write(memory.read(buf, (int) n));
            return n;
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
        if (len <= 0 || (flags & MAP_ANONYMOUS) == 0 || (flags & MAP_PRIVATE) == 0 || (flags & MAP_FIXED) != 0
                || (addr & (VmMap.PAGE - 1)) != 0) {
            return -Errno.EINVAL;
        }
        long length = VmMap.pageUp(len);
        VmMap map = p.vmMap();
        long start = map.findSpace(length, MMAP_TOP);
        if (start < 0) {
            return -Errno.ENOMEM;
        }
        map.insert(start, start + length, prot & (Prot.READ | Prot.WRITE | Prot.EXEC), "mmap");
        return start;
    }

    private long munmap(Hart hart, Proc p, long addr, long len) {
        if ((addr & (VmMap.PAGE - 1)) != 0 || len <= 0 || addr + len > VmMap.USER_END) {
            return -Errno.EINVAL;
        }
        p.vmMap().remove(addr, addr + VmMap.pageUp(len), hart);
        return 0;
    }
}
