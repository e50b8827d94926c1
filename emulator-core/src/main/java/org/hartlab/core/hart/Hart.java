package org.hartlab.core.hart;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.hartlab.core.bus.Bus;
import org.hartlab.core.bus.Ram;
import org.hartlab.core.bus.RamPhysicalMemory;
import org.hartlab.mmu.AccessType;
import org.hartlab.mmu.Sv39Mmu;
import org.hartlab.mmu.TlbConfig;
import org.hartlab.mmu.Translation;
import org.hartlab.core.trace.Event;
import org.hartlab.core.trace.EventSink;

/**
 * One RISC-V hart: architectural state, the fetch–execute loop, traps and interrupts, and the data paths
 * to memory through its own {@link Sv39Mmu}. A hart is driven by exactly one host thread at a time (the
 * engine's), so its fields need no synchronisation; only {@link CsrFile#raise} is called from elsewhere.
 */
public final class Hart {
    /** Register index that absorbs writes to x0, so the executor needs no rd != 0 test. */
    public static final int SINK = 32;

    final long[] x = new long[33];
    long pc;
    int priv = Privilege.MACHINE;
    final CsrFile csr = new CsrFile(this);
    final FpRegisters fp = new FpRegisters();

    private final int id;
    private final Bus bus;
    private final Ram ram;
    private final DecodeCache decodeCache;
    private final Sv39Mmu mmu;
    /** Loads and stores; the executor and translated code call it directly, which leaves a call less to inline. */
    final LoadStoreUnit lsu;
    private final FetchUnit fetch;
    /** Traps, interrupts, mret and sret; the executor's SYSTEM instructions call it directly. */
    final TrapUnit traps;
    /** A debugger's hooks and the stale-access watch, and how they are installed. */
    private final DebugUnit debugger;
    /** {@link #run}'s fast path: whole decoded blocks and their translations. */
    private final BlockRunner blocks;
    private final LongSupplier time;

    /**
     * Instructions retired since reset: what engines, IPI delays and debuggers count by; software cannot write it.
     * Written by {@link #run} and its {@link BlockRunner}.
     */
    long instret;
    /** minstret is derived: instret plus what software's writes to it moved it by. */
    private long instretOffset;
    /** mcycle is derived: one cycle per retired instruction and per trap taken, plus what software wrote. */
    private long cycleOffset;
    /**
     * Guest cycles this hart spent in the hosted kernel's Java code ({@link #spendKernelCycles}); written only by
     * the hart's own thread. They count in mcycle and in {@link #progress()}, never in instret.
     */
    private long kernelCycles;
    private volatile boolean waitingForInterrupt;
    /**
     * Set by anything that must end the current slice early: a wfi or a change of interrupt enables (this hart's
     * own thread, {@link #endSlice}), an exit or a debugger's break ({@link #requestSliceEnd}, any thread: hence
     * volatile). {@link #run} clears it as it starts, so a request from another thread at that moment is lost;
     * that is safe because it is only a hint to return early: each such caller first sets a {@code Machine}
     * flag (exit, break, stop) that the engine reads at every slice end, so the stop waits at worst one slice.
     */
    volatile boolean sliceEnd;
    /**
     * Set by anything after which the rest of the current block must not run from its decoded copy: the slice
     * ending, a store to a page holding decoded code, a TLB fill (which may evict the block's fetch translation).
     * Written and read by this hart's own thread only (translated code reads it as a plain field).
     */
    boolean blockEnd;
    /** Set by translated code that traps: how many of its instructions completed before the trapping one. */
    int translatedDone;
    private int dataPriv;
    /** The value an LR read, so an SC can detect a changed word by compare-and-set. */
    long reservedValue;
    private InstructionListener listener;
    private EventSink events = EventSink.NONE;
    private Supervisor supervisor;
    private boolean stoppedByDebugger;
    /** The host thread that parks while this hart waits in WFI (parallel engine); null when none parks. */
    private volatile Thread parker;
    /** False once the engine's thread for this hart has left the run: it executes nothing until the next run. */
    private volatile boolean online = true;
    /** Held by a debugger for the whole run (gdb continues other threads only): executes nothing. */
    private volatile boolean frozen;
    /** Held for a while in the middle of a run by code outside the engine (the shell's safe point). */
    private volatile boolean held;

    public Hart(int id, Bus bus, DecodeCache decodeCache, TlbConfig tlb, LongSupplier time) {
        this.id = id;
        this.bus = bus;
        this.ram = bus.ram();
        this.decodeCache = decodeCache;
        this.mmu = new Sv39Mmu(RamPhysicalMemory.forWalker(bus, id), tlb, (pteAddress, write) ->
                csr.pmp.permits(Privilege.SUPERVISOR, pteAddress, 8, write ? Pmp.W : Pmp.R));
        this.lsu = new LoadStoreUnit(this, bus, mmu);
        this.fetch = new FetchUnit(this, ram, decodeCache, mmu);
        this.traps = new TrapUnit(this);
        this.debugger = new DebugUnit(this, lsu, mmu);
        this.blocks = new BlockRunner(this, fetch, traps, mmu);
        this.time = time;
    }

    public int id() {
        return id;
    }

    public long pc() {
        return pc;
    }

    public void setPc(long pc) {
        this.pc = pc;
    }

    public long register(int i) {
        return x[i];
    }

    public void setRegister(int i, long value) {
        if (i != 0) {
            x[i] = value;
        }
    }

    public int privilege() {
        return priv;
    }

    /** Instructions retired since reset; minstret starts equal but moves with software's writes to it. */
    public long instret() {
        return instret;
    }

    /** The minstret CSR. */
    long minstret() {
        return instret + instretOffset;
    }

    /** The mcycle CSR. */
    long cycles() {
        return cycleOffset + instret + kernelCycles;
    }

    /**
     * How far this hart has got in guest cycles: instructions retired plus cycles spent in the hosted kernel.
     * IPI latencies are measured on it, so an IPI reaches a hart that is busy in the kernel too.
     */
    public long progress() {
        return instret + kernelCycles;
    }

    /** Charges {@code cycles} of kernel work to this hart; call only from the hart's own thread. */
    public void spendKernelCycles(long cycles) {
        kernelCycles += cycles;
    }

    public long kernelCycles() {
        return kernelCycles;
    }

    // A CSR write to a counter sets the value the next instruction reads: the writing instruction retires (and
    // counts a cycle) afterwards, which the spec says must not increment the value written.

    void setInstret(long value) {
        instretOffset = value - instret - 1;
    }

    void setCycles(long value) {
        cycleOffset = value - instret - 1;
    }

    public long time() {
        return time.getAsLong();
    }

    /** f0–f31; fflags and frm are reached as CSRs through {@link #csrs()}. */
    public FpRegisters fpRegisters() {
        return fp;
    }

    public CsrFile csrs() {
        return csr;
    }

    public Sv39Mmu mmu() {
        return mmu;
    }

    public boolean isWaitingForInterrupt() {
        return waitingForInterrupt;
    }

    /** True when an interrupt enabled in mie is pending, which ends a WFI whatever the global enables say. */
    public boolean hasWakeUpPending() {
        return (csr.mip() & csr.mie) != 0;
    }

    /** Observes every instruction before it executes (tracing, digests); null to stop. */
    public void setInstructionListener(InstructionListener listener) {
        this.listener = listener;
    }

    /** Names the thread to unpark when an interrupt becomes pending while this hart sleeps in WFI. */
    public void setParker(Thread thread) {
        this.parker = thread;
    }

    /** Set by the engine: whether a thread of the current run still drives this hart. */
    public void setOnline(boolean online) {
        this.online = online;
    }

    /**
     * Whether this hart will still execute something in the current run. Code waiting on another hart (the
     * kernel's shootdown) must not wait for an offline one: it would wait until the next run, and the run cannot
     * end while it waits.
     */
    public boolean online() {
        return online && !frozen;
    }

    /** Set between runs by a debugger that resumes some harts only; a frozen hart executes nothing. */
    public void setFrozen(boolean frozen) {
        this.frozen = frozen;
    }

    /**
     * Marked by code that holds this hart's thread in the middle of a run (the shell's safe point, from the hart's
     * own thread): it executes nothing meanwhile, so an engine that keeps the harts in step must not wait for it.
     */
    public void setHeld(boolean held) {
        this.held = held;
    }

    public boolean held() {
        return held;
    }

    /** True if this hart cannot run now: frozen, or in WFI with no interrupt to wake it. */
    public boolean asleep() {
        return frozen || (waitingForInterrupt && !hasWakeUpPending());
    }

    /**
     * True when {@link #run} would now return 0 and change nothing: asleep, with no debugger hooks to install and
     * no debugger stop to clear. An engine may then count the slice as run without switching to this hart's thread.
     */
    public boolean idleThroughSlice() {
        return asleep() && !debugger.requestPending() && !stoppedByDebugger;
    }

    void wakeUp() {
        Thread t = parker;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Installs the Java supervisor that takes this hart's S-mode traps (null: traps vector to stvec). */
    public void setSupervisor(Supervisor supervisor) {
        this.supervisor = supervisor;
    }

    /**
     * Boot-time hand-over from the machine to a Java supervisor: the hart continues in S-mode at {@code pc}
     * (the supervisor's idle loop), as firmware would leave it after an {@code mret}.
     */
    public void enterSupervisor(long pc) {
        openPmp();
        priv = Privilege.SUPERVISOR;
        this.pc = pc;
        csrWritten();
    }

    /**
     * What firmware does before it hands a hart to an S-mode kernel: the last PMP entry, NAPOT over all physical
     * memory with RWX, lets S and U reach everything (OpenSBI's catch-all rule, below any entry it protects itself
     * with). Without an entry S and U could access nothing, not even the page tables the MMU walks for them.
     */
    public void openPmp() {
        csr.write(Csr.PMPADDR0 + Pmp.ENTRIES - 1, -1);
        csr.write(Csr.PMPCFG0 + 14, (long) (Pmp.A_NAPOT | Pmp.X | Pmp.W | Pmp.R) << 56);
    }

    /** SFENCE.VMA executed by the Java supervisor on this hart (its own hart only). */
    public void sfenceVma(boolean hasVa, long va, boolean hasAsid, int asid) {
        mmu.sfenceVma(hasVa, va, hasAsid, asid);
        reportSfence(hasVa, va, hasAsid, asid);
    }

    public void setEventSink(EventSink sink) {
        this.events = sink;
    }

    private void reportSfence(boolean hasVa, long va, boolean hasAsid, int asid) {
        if (events != EventSink.NONE) {
            events.accept(new Event(time(), id, Event.Kind.SFENCE,
                    Event.Phase.INSTANT, hasVa ? va : -1,
                    (hasVa ? "va" : "all") + (hasAsid ? " asid " + asid : "")));
        }
    }

    /**
     * The supervisor's {@code sret}: returns to the privilege in sstatus.SPP at sepc (which the supervisor may
     * have advanced, e.g. past an ecall).
     */
    public void supervisorReturn() {
        traps.sret();
    }

    /** Installs (or, with null, removes) a debugger's hooks. */
    public void setDebugHooks(DebugHooks hooks) {
        debugger.request(hooks);
        requestSliceEnd();
    }

    /**
     * Watches every load, store and atomic served by a stale TLB entry (null: stop watching). While watched the
     * hart runs instruction by instruction without micro-TLBs, so every access meets the TLB; slower, and the
     * same run: interleavings are counted in instructions, whichever path executes them.
     */
    public void setStaleAccessWatch(StaleAccessWatch watch) {
        debugger.watch(watch);
    }

    /** True if the last {@link #run} ended because a debug hook asked to stop; cleared by the next run. */
    public boolean stoppedByDebugger() {
        return stoppedByDebugger;
    }

    /** Ends the current slice after the instruction that is executing; this hart's own thread only. */
    void endSlice() {
        sliceEnd = true;
        blockEnd = true;
    }

    /**
     * Asks the hart, from any thread, to leave its slice soon: within the running chunk of translated code or
     * after the instruction that executes. Set the {@code Machine} flag that says why first (see sliceEnd).
     */
    public void requestSliceEnd() {
        sliceEnd = true;
    }

    /**
     * Runs up to {@code maxSteps} instructions (a trap counts as a step, so a trap loop still ends) and returns
     * the number of steps taken; 0 when the hart is waiting for an interrupt that is not pending.
     */
    public int run(int maxSteps) {
        // Cleared first: a hart a debugger froze after it hit a breakpoint must not end the next run, as if it
        // had hit it again, while it executes nothing
        stoppedByDebugger = false;
        debugger.installRequested();
        if (frozen) {
            return 0;
        }
        if (waitingForInterrupt) {
            if (!hasWakeUpPending()) {
                return 0;
            }
            waitingForInterrupt = false;
        }
        sliceEnd = false;
        int steps = 0;
        if (traps.takePending()) {
            steps++;
        }
        if (listener == null && !debugger.inForce()) {
            steps = blocks.run(steps, maxSteps);
        }
        // Instruction by instruction: whatever observes single instructions, or the last few of a slice
        while (steps < maxSteps && !sliceEnd && !stoppedByDebugger) {
            try {
                InstructionListener l = listener;
                DebugHooks d = debugger.hooks();
                while (steps < maxSteps && !sliceEnd) {
                    if (d != null && d.stopBeforeInstruction(this)) {
                        stoppedByDebugger = true;
                        break;
                    }
                    steps++; // before the fetch: a fetch that faults is a trap, and a step, too
                    Insn insn = fetch.fetch();
                    if (l != null) {
                        l.beforeExecute(this, insn);
                    }
                    Executor.execute(this, insn);
                    instret++;
                }
            } catch (Trap t) {
                traps.take(t.cause(), false, t.tval());
            } catch (DebugStop s) {
                steps--; // stopped before its data access: the instruction did not execute
                stoppedByDebugger = true;
            }
        }
        lsu.drainHits();
        return steps;
    }

    void fenceI() {
        decodeCache.flushAll();
        blockEnd = true; // the running block's page is gone
    }

    // ---- translation ----

    /** Recomputes which accesses translate; called after anything that changes priv, satp or mstatus. */
    void updateTranslation() {
        boolean sv39 = (csr.satp >>> 60) != 0;
        long ms = csr.mstatus;
        dataPriv = priv == Privilege.MACHINE && (ms & Mstatus.MPRV) != 0 ? Mstatus.mpp(ms) : priv;
        fetch.setMode(sv39 && priv != Privilege.MACHINE, !csr.pmp.unchecked(priv));
        lsu.setTranslated(sv39 && dataPriv != Privilege.MACHINE, dataPriv);
    }

    /** Translates {@code va} for an access of {@code type} at the effective privilege, or throws its page fault. */
    long translate(long va, AccessType type) {
        long ms = csr.mstatus;
        int effective = type == AccessType.FETCH ? priv : dataPriv;
        long epoch = mmu.fetchEpoch();
        long r = mmu.translate(va, type, csr.satp, effective == Privilege.USER, (ms & Mstatus.SUM) != 0,
                (ms & Mstatus.MXR) != 0, csr.svadu());
        if (mmu.fetchEpoch() != epoch) {
            blockEnd = true; // the fill may have evicted the running block's fetch translation
        }
        if (Translation.isFault(r)) {
            throw new Trap(Translation.cause(r), va);
        }
        return r;
    }

    void sfenceVma(int rs1, int rs2) {
        blockEnd = true; // the next fetch must translate again
        mmu.sfenceVma(rs1 != 0, x[rs1], rs2 != 0, (int) x[rs2]);
        reportSfence(rs1 != 0, x[rs1], rs2 != 0, (int) x[rs2]);
    }

    Ram ram() {
        return ram;
    }

    Bus bus() {
        return bus;
    }

    // ---- traps and interrupts (the rest is TrapUnit's) ----

    /** A trap was taken: it costs a cycle, breaks this hart's reservation, and may change what translates. */
    void trapTaken() {
        cycleOffset++;
        bus.reservations().clear(id);
        updateTranslation();
    }

    /** The hosted kernel that takes the traps delegated to S-mode, or null (bare metal). */
    Supervisor supervisor() {
        return supervisor;
    }

    /** WFI: park until an interrupt is pending (enabled in mie), whatever the global enables say. */
    void waitForInterrupt() {
        if ((csr.mip() & csr.mie) == 0) {
            waitingForInterrupt = true;
        }
        endSlice();
    }

    /** After any CSR or privilege change: re-derive translation and let pending interrupts be taken. */
    void csrWritten() {
        updateTranslation();
        endSlice();
    }
}
