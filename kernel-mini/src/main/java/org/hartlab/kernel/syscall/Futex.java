package org.hartlab.kernel.syscall;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.IntUnaryOperator;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.proc.Interruption;
import org.hartlab.kernel.proc.KThread;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.kernel.proc.Scheduler;
import org.hartlab.kernel.vm.Prot;
import org.hartlab.kernel.vm.UserMemory;
import org.hartlab.kernel.vm.VmFault;
import org.hartlab.kernel.vm.VmMap;

/**
 * futex(2), the operations glibc uses: WAIT, WAKE, WAIT_BITSET, WAKE_BITSET, REQUEUE, CMP_REQUEUE and WAKE_OP,
 * private or not, with relative (WAIT) and absolute (WAIT_BITSET, on CLOCK_MONOTONIC or with
 * FUTEX_CLOCK_REALTIME on CLOCK_REALTIME) timeouts in guest time; set_robust_list, and the robust-list walk at
 * thread exit. The PI operations and FUTEX_FD are ENOSYS. A futex is keyed by its address space and address,
 * private or not: a shared futex on a MAP_SHARED page is not matched across processes.
 *
 * <p>A waiter sleeps on a channel of its own: a {@link Scheduler.TimedWait} when it has a timeout (so the
 * kernel's timer wakes it, with the -ETIMEDOUT it was put to sleep with), else a plain object; a wake sets its
 * result to 0 first. The queue below is FIFO, as Linux's is for threads of one priority. All methods run
 * under the kernel lock, which guards every field.
 */
final class Futex {
    private static final int WAIT = 0, WAKE = 1, REQUEUE = 3, CMP_REQUEUE = 4, WAKE_OP = 5;
    private static final int WAIT_BITSET = 9, WAKE_BITSET = 10;
    private static final int PRIVATE_FLAG = 128, CLOCK_REALTIME = 256;
    private static final int MATCH_ANY = -1;
    private static final int ROBUST_LIST_HEAD_SIZE = 24;
    /** Robust futex word bits: the owner's tid, waiters present, owner died. */
    private static final int TID_MASK = 0x3FFF_FFFF, WAITERS = 0x8000_0000, OWNER_DIED = 0x4000_0000;
    /** Linux's bound on the robust-list walk, so a cyclic list cannot hang the exit. */
    private static final int ROBUST_LIST_LIMIT = 2048;
    /** update32's answer for a word it cannot write (any 32-bit value is a valid old value). */
    private static final long NO_WORD = Long.MIN_VALUE;

    /** A futex's wait channel: the address space and the word's address. */
    record Key(VmMap map, long address) {
    }

    /** One sleeping thread: the futex it waits on (requeue changes it), its bitset and its sleep channel. */
    private static final class Waiter {
        private Key key;
        private final KThread thread;
        private final int bitset;
        private final Object channel;

        Waiter(Key key, KThread thread, int bitset, Object channel) {
            this.key = key;
            this.thread = thread;
            this.bitset = bitset;
            this.channel = channel;
        }

        /** Still asleep in this wait (not timed out, not killed). */
        boolean waiting() {
            return thread.state() == KThread.State.SLEEPING && thread.channel() == channel;
        }
    }

    private final Kernel kernel;
    private final Time time;
    private final List<Waiter> waiters = new ArrayList<>();
    /** set_robust_list: each thread's robust list head (weak: a thread that is gone needs no entry). */
    private final Map<KThread, Long> robustLists = new WeakHashMap<>();

    Futex(Kernel kernel, Time time) {
        this.kernel = kernel;
        this.time = time;
    }

    /**
     * Runs futex({@code a0..a5}). Returns the result, or -ENOSYS for an operation not supported (the caller
     * counts those).
     */
    long futex(Hart hart, KThread t, UserMemory memory, long[] a) {
        long address = a[0];
        int op = (int) a[1];
        int value = (int) a[2];
        int command = op & ~(PRIVATE_FLAG | CLOCK_REALTIME);
        if ((op & CLOCK_REALTIME) != 0 && command != WAIT && command != WAIT_BITSET) {
            return -Errno.ENOSYS; // as Linux: the clock flag means nothing to the other operations
        }
        if (command != WAIT && command != WAKE && command != WAIT_BITSET && command != WAKE_BITSET
                && command != REQUEUE && command != CMP_REQUEUE && command != WAKE_OP) {
            return -Errno.ENOSYS;
        }
        Proc p = t.proc();
        boolean shared = (op & PRIVATE_FLAG) == 0;
        if ((address & 3) != 0 || shared && p.vmMap().lookup(address) == null) {
            return shared && (address & 3) == 0 ? -Errno.EFAULT : -Errno.EINVAL;
        }
        Key key = new Key(p.vmMap(), address);
        waiters.removeIf(w -> !w.waiting());
        return switch (command) {
            case WAIT -> wait(hart, t, memory, key, value, a[3], false, (op & CLOCK_REALTIME) != 0, MATCH_ANY);
            case WAIT_BITSET -> wait(hart, t, memory, key, value, a[3], true, (op & CLOCK_REALTIME) != 0, (int) a[5]);
            case WAKE -> wake(key, value, MATCH_ANY, hart);
            case WAKE_BITSET -> (int) a[5] == 0 ? -Errno.EINVAL : wake(key, value, (int) a[5], hart);
            case REQUEUE, CMP_REQUEUE -> requeue(hart, memory, key, value, (int) a[3], a[4], command == CMP_REQUEUE,
                    (int) a[5], shared);
            default -> wakeOp(hart, memory, key, value, (int) a[3], a[4], (int) a[5], shared);
        };
    }

    /**
     * WAIT / WAIT_BITSET: sleeps while the word holds {@code value}. The thread resumes after the ecall with 0
     * when woken, -ETIMEDOUT when its timeout passes first; a word that differs is -EAGAIN at once.
     */
    private long wait(Hart hart, KThread t, UserMemory memory, Key key, int value, long timeout, boolean absolute,
            boolean realtime, int bitset) {
        if (bitset == 0) {
            return -Errno.EINVAL;
        }
        long wakeAt = -1;
        try {
            if (timeout != 0) {
                long nanos = Time.readTimespec(memory, timeout);
                if (nanos < 0) {
                    return -Errno.EINVAL;
                }
                int clock = realtime ? Time.CLOCK_REALTIME : Time.CLOCK_MONOTONIC;
                wakeAt = absolute ? time.ticksAt(clock, nanos) : time.ticksAfter(nanos);
            }
            if (read32(memory, key.address()) != value) {
                return -Errno.EAGAIN;
            }
        } catch (UserMemory.Fault e) {
            return -Errno.EFAULT;
        }
        if (timeout != 0 && wakeAt <= kernel.machine().clock().now()) {
            return -Errno.ETIMEDOUT;
        }
        Object channel = timeout != 0 ? new Scheduler.TimedWait(wakeAt) : new Object();
        waiters.add(new Waiter(key, t, bitset, channel));
        hart.setRegister(10, timeout != 0 ? -Errno.ETIMEDOUT : 0); // what it resumes with unless woken
        // As Linux: a timed wait a signal interrupts is EINTR; an untimed one restarts after an SA_RESTART handler.
        kernel.scheduler().sleep(hart, channel, timeout != 0 ? Interruption.NO_RESTART : Interruption.RESTART);
        return 0;
    }

    /**
     * Wakes up to {@code max} threads waiting on {@code key} whose bitset meets {@code bitset}; returns how
     * many. As Linux, a count of 0 or less still wakes one.
     */
    long wake(Key key, int max, int bitset, Hart hart) {
        int woken = 0;
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext() && woken < Math.max(max, 1);) {
            Waiter w = it.next();
            if (w.waiting() && w.key.equals(key) && (w.bitset & bitset) != 0) {
                it.remove();
                w.thread.setResult(0);
                kernel.scheduler().wakeup(w.channel, 1, List.of(w.thread), hart);
                woken++;
            }
        }
        return woken;
    }

    /** REQUEUE / CMP_REQUEUE: wakes {@code wakeCount} waiters, moves up to {@code moveCount} more to uaddr2. */
    private long requeue(Hart hart, UserMemory memory, Key key, int wakeCount, int moveCount, long address2,
            boolean compare, int expected, boolean shared) {
        if (wakeCount < 0 || moveCount < 0) {
            return -Errno.EINVAL;
        }
        Key key2 = secondKey(key, address2, shared);
        if (key2 == null) {
            return (address2 & 3) != 0 ? -Errno.EINVAL : -Errno.EFAULT;
        }
        if (compare) {
            try {
                if (read32(memory, key.address()) != expected) {
                    return -Errno.EAGAIN;
                }
            } catch (UserMemory.Fault e) {
                return -Errno.EFAULT;
            }
        }
        long woken = wakeCount == 0 ? 0 : wake(key, wakeCount, MATCH_ANY, hart);
        int moved = 0;
        for (Waiter w : waiters) {
            if (moved < moveCount && w.key.equals(key)) {
                w.key = key2;
                moved++;
            }
        }
        return woken + moved;
    }

    /**
     * WAKE_OP: atomically {@code *uaddr2 = oldval OP oparg}, wakes up to {@code wakeCount} waiters on uaddr and,
     * when {@code oldval CMP cmparg}, up to {@code wakeCount2} on uaddr2. The encoding of {@code encoded}: op in
     * bits 31–28 (bit 31: oparg is a shift count), cmp in 27–24, oparg in 23–12, cmparg in 11–0, both signed.
     */
    private long wakeOp(Hart hart, UserMemory memory, Key key, int wakeCount, int wakeCount2, long address2,
            int encoded, boolean shared) {
        Key key2 = secondKey(key, address2, shared);
        if (key2 == null) {
            return (address2 & 3) != 0 ? -Errno.EINVAL : -Errno.EFAULT;
        }
        int op = (encoded >>> 28) & 7;
        int cmp = (encoded >>> 24) & 0xF;
        int oparg = encoded << 8 >> 20;
        int cmparg = encoded << 20 >> 20;
        if ((encoded & 0x8000_0000) != 0) {
            oparg = 1 << (oparg & 31);
        }
        if (op > 4 || cmp > 5) {
            return -Errno.ENOSYS;
        }
        int operand = oparg;
        long old = update32(hart, memory, key2.map(), address2, v -> switch (op) {
            case 0 -> operand;
            case 1 -> v + operand;
            case 2 -> v | operand;
            case 3 -> v & ~operand;
            default -> v ^ operand;
        });
        if (old == NO_WORD) {
            return -Errno.EFAULT;
        }
        long woken = wake(key, wakeCount, MATCH_ANY, hart);
        boolean condition = switch (cmp) {
            case 0 -> old == cmparg;
            case 1 -> old != cmparg;
            case 2 -> old < cmparg;
            case 3 -> old <= cmparg;
            case 4 -> old > cmparg;
            default -> old >= cmparg;
        };
        return condition ? woken + wake(key2, wakeCount2, MATCH_ANY, hart) : woken;
    }

    /**
     * Replaces the word at {@code va} with {@code f(old)} by compare-and-swap, atomic against the process's other
     * harts, which may run user code meanwhile (parallel engine); the page is made writable first, as a store by
     * the process would. Returns the old value, or {@link #NO_WORD} when the word cannot be written.
     */
    private long update32(Hart hart, UserMemory memory, VmMap map, long va, IntUnaryOperator f) {
        try {
            read32(memory, va);
        } catch (UserMemory.Fault e) {
            return NO_WORD;
        }
        if (!Prot.allows(map.pmap().protection(va), Prot.WRITE)) {
            VmFault.Result r = VmFault.fault(map.vm(), map, va, Prot.WRITE, hart);
            if (r == VmFault.Result.SEGV || r == VmFault.Result.NO_MEMORY) {
                return NO_WORD;
            }
        }
        long pa = map.pmap().extract(va);
        if (pa < 0) {
            return NO_WORD;
        }
        var ram = kernel.machine().bus().ram();
        int old;
        do {
            old = ram.loadVolatile32(pa);
        } while (!ram.compareAndSet32(pa, old, f.applyAsInt(old)));
        kernel.machine().bus().afterRamStore(pa, 4, hart.id());
        return old;
    }

    /** The second futex of REQUEUE and WAKE_OP, checked as the first; null when misaligned or unmapped. */
    private static Key secondKey(Key first, long address2, boolean shared) {
        if ((address2 & 3) != 0 || shared && first.map().lookup(address2) == null) {
            return null;
        }
        return new Key(first.map(), address2);
    }

    /** set_robust_list: records the thread's list head; the length must be that of struct robust_list_head. */
    long setRobustList(KThread t, long head, long length) {
        if (length != ROBUST_LIST_HEAD_SIZE) {
            return -Errno.EINVAL;
        }
        robustLists.put(t, head);
        return 0;
    }

    /**
     * At thread exit, as Linux's exit_robust_list: for each robust mutex the thread still owns (the futex word
     * holds its tid), sets FUTEX_OWNER_DIED and wakes one waiter if any are flagged. The list is {next, offset,
     * pending}: entries link through {@code next} back to the head, each entry's word at entry + offset; the
     * pending entry (a lock in progress) is handled too. A fault ends the walk, as on Linux.
     */
    void exitRobustList(Hart hart, KThread t, UserMemory memory) {
        Long head = robustLists.remove(t);
        if (head == null || head == 0) {
            return;
        }
        try {
            long entry = memory.read64(head);
            long offset = memory.read64(head + 8);
            long pending = memory.read64(head + 16);
            for (int i = 0; entry != head && i < ROBUST_LIST_LIMIT; i++) {
                long next = memory.read64(entry & ~1L);
                if (entry != pending) {
                    ownerDied(hart, t, memory, (entry & ~1L) + offset);
                }
                entry = next;
            }
            if (pending != 0) {
                ownerDied(hart, t, memory, (pending & ~1L) + offset);
            }
        } catch (UserMemory.Fault e) {
            // the list is broken: stop, as Linux does
        }
    }

    private void ownerDied(Hart hart, KThread t, UserMemory memory, long word) {
        if ((word & 3) != 0) {
            return;
        }
        VmMap map = t.proc().vmMap();
        long value = update32(hart, memory, map, word,
                v -> (v & TID_MASK) == t.tid() ? (v & WAITERS) | OWNER_DIED : v);
        if (value == NO_WORD || (value & TID_MASK) != t.tid()) {
            return;
        }
        if ((value & WAITERS) != 0) {
            wake(new Key(map, word), 1, MATCH_ANY, hart);
        }
    }

    static int read32(UserMemory memory, long address) throws UserMemory.Fault {
        byte[] b = memory.read(address, 4);
        return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | b[3] << 24;
    }

    static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }
}
