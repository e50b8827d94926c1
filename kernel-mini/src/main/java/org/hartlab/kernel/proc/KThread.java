package org.hartlab.kernel.proc;

import org.hartlab.core.hart.Csr;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.signal.ThreadSignals;

/**
 * A user thread: the registers (x, f and fcsr) and pc it resumes with when not on a hart. While it runs, its state lives in
 * the hart; {@link #saveFrom} and {@link #restoreTo} move it across a context switch.
 */
public final class KThread {
    private static final long SSTATUS_SPP = 1L << 8;
    private static final long SSTATUS_SPIE = 1L << 5;
    private static final long SSTATUS_FS = 3L << 13;
    /** FS = Initial: user code may use F/D from its first instruction (lp64d programs do). */
    private static final long FS_INITIAL = 1L << 13;

    public enum State { RUNNABLE, RUNNING, SLEEPING, EXITED }

    private final int tid;
    private final Proc proc;
    // guarded by the kernel lock
    private final long[] registers = new long[32];
    private final long[] fpRegisters = new long[32];
    private long fcsr;
    private long fs = FS_INITIAL;
    private long pc;
    private State state = State.RUNNABLE;
    private Hart hart;
    private Object channel;
    /** CLONE_CHILD_CLEARTID: zeroed and futex-woken when the thread exits (0: none). */
    private long clearChildTid;
    private final ThreadSignals signals = new ThreadSignals();
    /** The system call in progress: the pc after its ecall and its a0 as called (to restart it). */
    private long syscallNextPc;
    private long syscallArg0;
    /** How the system call this thread sleeps in ends when a signal interrupts it; null: not interruptible. */
    private Interruption interruption;
    /** A signal ended its sleep in the system call: {@link #interruption} gives the call's result. */
    private boolean interrupted;

    KThread(int tid, Proc proc, long pc, long sp) {
        this.tid = tid;
        this.proc = proc;
        this.pc = pc;
        this.registers[2] = sp;
    }

    /** A thread starting as a copy of {@code hart}'s current user registers, resuming at {@code pc} with a0 = 0. */
    KThread(int tid, Proc proc, Hart hart, long pc) {
        this.tid = tid;
        this.proc = proc;
        this.pc = pc;
        for (int i = 1; i < 32; i++) {
            registers[i] = hart.register(i);
        }
        registers[10] = 0;
        saveFp(hart);
    }

    void setRegister(int i, long value) {
        registers[i] = value;
    }

    public Object channel() {
        return channel;
    }

    void setChannel(Object c) {
        channel = c;
    }

    public long clearChildTid() {
        return clearChildTid;
    }

    public void setClearChildTid(long address) {
        clearChildTid = address;
    }

    public ThreadSignals signals() {
        return signals;
    }

    /**
     * Whether a signal this thread does not block (or sleeps in rt_sigtimedwait for) waits for it, in its own
     * queue or in its process's.
     */
    public boolean signalPending() {
        return ((signals.pending().set() | proc().signals().shared().set()) & (~signals.blocked() | signals.awaited()))
                != 0;
    }

    /** A system call starts: {@code nextPc} follows its ecall, {@code arg0} is its a0. */
    public void enterSyscall(long nextPc, long arg0) {
        syscallNextPc = nextPc;
        syscallArg0 = arg0;
        interrupted = false;
    }

    public long syscallArg0() {
        return syscallArg0;
    }

    Interruption interruption() {
        return interruption;
    }

    void setInterruption(Interruption i) {
        interruption = i;
    }

    /** Ends the interrupted sleep: the thread resumes after its ecall. */
    void resumeInterrupted() {
        pc = syscallNextPc;
        interrupted = true;
    }

    /** The running system call ends as if a signal had interrupted its sleep (one is pending already). */
    public void markInterrupted(Interruption how) {
        interruption = how;
        interrupted = true;
    }

    /**
     * Once after a signal ended this thread's sleep in a system call: how the call ends, which the signal
     * delivery asks on the thread's own hart when it returns to user mode (null: no such sleep).
     */
    public Interruption takeInterruption() {
        Interruption how = interrupted ? interruption : null;
        interrupted = false;
        interruption = null;
        return how;
    }

    public int tid() {
        return tid;
    }

    public Proc proc() {
        return proc;
    }

    public State state() {
        return state;
    }

    void setState(State s) {
        state = s;
    }

    /** The thread called exit: it will never run again. */
    public void setExited() {
        state = State.EXITED;
    }

    public Hart hart() {
        return hart;
    }

    void setHart(Hart h) {
        hart = h;
    }

    long register(int i) {
        return registers[i];
    }

    /** Sets a0 of a thread that is off its hart (a system call's result after sched_yield). */
    public void setResult(long value) {
        registers[10] = value;
    }

    /** Saves the trapped thread's registers; its pc is sepc (already advanced past an ecall if it was one). */
    void saveFrom(Hart h) {
        for (int i = 1; i < 32; i++) {
            registers[i] = h.register(i);
        }
        pc = h.csrs().sepc();
        saveFp(h);
    }

    private void saveFp(Hart h) {
        for (int i = 0; i < 32; i++) {
            fpRegisters[i] = h.fpRegisters().get(i);
        }
        fcsr = h.csrs().read(Csr.FCSR);
        fs = h.csrs().read(Csr.SSTATUS) & SSTATUS_FS;
    }

    /** Loads the thread onto {@code h}: registers, address space, and an sret target in U-mode at its pc. */
    void restoreTo(Hart h) {
        for (int i = 1; i < 32; i++) {
            h.setRegister(i, registers[i]);
        }
        proc.vmMap().pmap().activate(h);
        h.csrs().setSepc(pc);
        for (int i = 0; i < 32; i++) {
            h.fpRegisters().set(i, fpRegisters[i]);
        }
        h.csrs().write(Csr.FCSR, fcsr);
        long sstatus = h.csrs().read(Csr.SSTATUS);
        h.csrs().write(Csr.SSTATUS, (sstatus & ~(SSTATUS_SPP | SSTATUS_FS)) | SSTATUS_SPIE | fs);
    }

    @Override
    public String toString() {
        return "tid " + tid + " of pid " + proc.pid();
    }
}
