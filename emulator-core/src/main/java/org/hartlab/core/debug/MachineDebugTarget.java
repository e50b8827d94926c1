package org.hartlab.core.debug;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hartlab.core.Machine;
import org.hartlab.core.bus.RamPhysicalMemory;
import org.hartlab.core.RunResult;
import org.hartlab.core.bus.Ram;
import org.hartlab.core.hart.DebugHooks;
import org.hartlab.core.hart.Hart;
import org.hartlab.core.hart.Privilege;
import org.hartlab.mmu.PageTableInspector;
import org.hartlab.mmu.WalkTrace;

/**
 * {@link DebugTarget} over a {@link Machine}. It installs itself as every hart's {@link DebugHooks}; a hook
 * that fires records the stop and the engine ends the run, so the other harts stop at their next slice
 * boundary. After a stop, the instruction the reported hart stopped before is executed once without stopping
 * at a breakpoint again; its data access stops at a watchpoint unless that very access was the stop reported.
 * A watchpoint stops before the access, as RISC-V triggers do (GDB then steps over it with its watchpoints out),
 * whether the hart runs or is stepped: a step over a breakpoint is still watched.
 *
 * <p>One stop at a time, as GDB expects in all-stop mode: when several harts hit a breakpoint or watchpoint in
 * one run, one is reported and the others stay pending. A resume that lets a hart with a pending stop run reports
 * that stop at once, without running the machine, if it still holds: the hart has not moved and the breakpoint
 * or watchpoint is still inserted. (GDB steps only the reported thread over its breakpoint; another thread it
 * was never told about would slip past its own.)
 */
public final class MachineDebugTarget implements DebugTarget, DebugHooks {
    private record Watchpoint(WatchKind kind, long address, int length) {
        boolean overlaps(long va, int size) {
            return va < address + length && address < va + size;
        }
    }

    private final Machine machine;
    private final long instructionLimit;
    private final Set<Long> breakpoints = ConcurrentHashMap.newKeySet();
    private final List<Watchpoint> watchpoints = new CopyOnWriteArrayList<>();
    /** A hart's stop GDB has not been told about yet, and where the hart was (to see if it still holds). */
    private record Pending(StopEvent event, long pc, long instret) {}

    /** The (pc, instret) at which the reported hart stopped, so resuming it executes that instruction. */
    private int skipHart = -1;
    private long skipPc;
    private long skipInstret;
    /** True if that stop was a watchpoint's, before this instruction's access: resuming lets the access happen. */
    private boolean skipAccess;
    /**
     * Per hart, its unreported stop. A hook writes only its own hart's slot, on that hart's thread; the debugger
     * thread reads and clears slots only between runs, after the engine joined the hart threads.
     */
    private final Pending[] pending;
    private volatile boolean physical;
    /** {@code monitor stale on}: every resume watches for stale accesses and stops before the first. */
    private volatile boolean stopOnStale;
    private volatile java.util.function.IntFunction<String> hartContext = id -> "";

    public MachineDebugTarget(Machine machine, long instructionLimit) {
        this.machine = machine;
        this.instructionLimit = instructionLimit;
        this.pending = new Pending[machine.harts().size()];
        machine.harts().forEach(h -> h.setDebugHooks(this));
    }

    /** Removes the hooks from every hart and any interrupt still pending (detach: the guest runs on). */
    public void detach() {
        breakpoints.clear();
        watchpoints.clear();
        java.util.Arrays.fill(pending, null);
        machine.harts().forEach(h -> h.setDebugHooks(null));
        machine.cancelStop();
    }

    @Override
    public int hartCount() {
        return machine.harts().size();
    }

    private Hart hart(int id) throws DebugException {
        if (id < 0 || id >= hartCount()) {
            throw new DebugException("no hart " + id);
        }
        return machine.hart(id);
    }

    @Override
    public long readRegister(int hart, int regno) throws DebugException {
        Hart h = hart(hart);
        if (regno >= 0 && regno < 32) {
            return h.register(regno);
        }
        if (regno == PC) {
            return h.pc();
        }
        if (regno >= FPR_BASE && regno < FPR_BASE + 32) {
            return h.fpRegisters().get(regno - FPR_BASE);
        }
        if (regno >= CSR_BASE && regno < CSR_BASE + 4096) {
            try {
                return h.csrs().read(regno - CSR_BASE);
            } catch (IllegalArgumentException e) {
                throw new DebugException(e.getMessage());
            }
        }
        throw new DebugException("no register " + regno);
    }

    @Override
    public void writeRegister(int hart, int regno, long value) throws DebugException {
        Hart h = hart(hart);
        if (regno >= 0 && regno < 32) {
            h.setRegister(regno, value);
        } else if (regno == PC) {
            h.setPc(value & ~1L);
        } else if (regno >= FPR_BASE && regno < FPR_BASE + 32) {
            h.fpRegisters().set(regno - FPR_BASE, value);
        } else if (regno >= CSR_BASE && regno < CSR_BASE + 4096) {
            try {
                h.csrs().read(regno - CSR_BASE); // exists?
            } catch (IllegalArgumentException e) {
                throw new DebugException(e.getMessage());
            }
            h.csrs().write(regno - CSR_BASE, value);
        } else {
            throw new DebugException("register " + regno + " is not writable from the debugger");
        }
    }

    @Override
    public byte[] readMemory(int hart, long address, int length) throws DebugException {
        Hart h = hart(hart);
        Ram ram = machine.bus().ram();
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = ram.load8(physicalAddress(h, address + i));
        }
        return out;
    }

    @Override
    public void writeMemory(int hart, long address, byte[] data) throws DebugException {
        Hart h = hart(hart);
        long[] pas = new long[data.length];
        for (int i = 0; i < data.length; i++) {
            pas[i] = physicalAddress(h, address + i);
        }
        for (int i = 0; i < data.length; i++) {
            machine.bus().write(pas[i], data, i, 1); // drops stale decoded instructions, breaks reservations
        }
    }

    /** The RAM address the debugger means by {@code va} on {@code h}: through its page table, no permission checks. */
    private long physicalAddress(Hart h, long va) throws DebugException {
        long pa = va;
        long satp = h.csrs().satp();
        if (!physical && (satp >>> 60) != 0 && h.privilege() != Privilege.MACHINE) {
            WalkTrace walk = PageTableInspector.walk(RamPhysicalMemory.readOnly(machine.bus().ram()), satp, va);
            if (walk.fault() != null) {
                throw new DebugException("0x%x is not mapped (%s)".formatted(va, walk.fault()));
            }
            pa = walk.physicalAddress();
        }
        if (!machine.bus().ram().contains(pa, 1)) {
            throw new DebugException("0x%x is not RAM".formatted(pa));
        }
        return pa;
    }

    @Override
    public void setPhysicalMemory(boolean on) {
        physical = on;
    }

    @Override
    public boolean setStopOnStale(boolean on) {
        stopOnStale = on;
        if (!on) {
            if (machine.tracing()) {
                machine.watchStaleAccesses(false); // a trace still records them
            } else {
                machine.unwatchStaleAccesses();
            }
        }
        return true;
    }

    @Override
    public boolean physicalMemory() {
        return physical;
    }

    @Override
    public void setBreakpoint(long address, boolean present) {
        if (present) {
            breakpoints.add(address);
        } else {
            breakpoints.remove(address);
        }
    }

    @Override
    public void setWatchpoint(WatchKind kind, long address, int length, boolean present) {
        Watchpoint w = new Watchpoint(kind, address, Math.max(1, length));
        if (present) {
            watchpoints.add(w);
        } else {
            watchpoints.remove(w);
        }
    }

    private boolean resuming(Hart h) {
        return h.id() == skipHart && skipInstret == h.instret() && skipPc == h.pc();
    }

    private void record(Hart h, StopEvent.Kind kind, long address) {
        pending[h.id()] = new Pending(new StopEvent(kind, h.id(), address, 0), h.pc(), h.instret());
    }

    @Override
    public boolean stopBeforeInstruction(Hart h) {
        if (breakpoints.isEmpty() || !breakpoints.contains(h.pc()) || resuming(h)) {
            return false;
        }
        record(h, StopEvent.Kind.BREAKPOINT, h.pc());
        return true;
    }

    @Override
    public boolean stopBeforeAccess(Hart h, long va, int size, boolean store) {
        if (watchpoints.isEmpty() || skipAccess && resuming(h)) {
            return false;
        }
        for (Watchpoint w : watchpoints) {
            if (w.kind().matches(store) && w.overlaps(va, size)) {
                StopEvent.Kind kind = switch (w.kind()) {
                    case WRITE -> StopEvent.Kind.WATCH_WRITE;
                    case READ -> StopEvent.Kind.WATCH_READ;
                    case ACCESS -> StopEvent.Kind.WATCH_ACCESS;
                };
                record(h, kind, w.address());
                return true;
            }
        }
        return false;
    }

    /** {@code hart} is the one GDB now knows stopped where it is: resuming it executes that instruction. */
    private StopEvent reported(StopEvent e) {
        Hart h = machine.hart(e.hart());
        if (pending[h.id()] != null && pending[h.id()].event() == e) {
            pending[h.id()] = null;
        }
        skipHart = h.id();
        skipPc = h.pc();
        skipInstret = h.instret();
        skipAccess = switch (e.kind()) {
            case WATCH_WRITE, WATCH_READ, WATCH_ACCESS -> true;
            default -> false;
        };
        return e;
    }

    /** Whether {@code p} still holds: its hart has not moved and what it hit is still inserted. */
    private boolean holds(Pending p) {
        Hart h = machine.hart(p.event().hart());
        if (h.pc() != p.pc() || h.instret() != p.instret()) {
            return false;
        }
        return switch (p.event().kind()) {
            case BREAKPOINT -> breakpoints.contains(p.pc());
            default -> watchpoints.stream().anyMatch(w -> w.address() == p.event().address());
        };
    }

    /** The first pending stop, among the harts in {@code harts}, that still holds; drops those that do not. */
    private StopEvent pendingStop(long harts) {
        for (int id = 0; id < pending.length; id++) {
            Pending p = pending[id];
            if (p != null && (harts & (1L << id)) != 0) {
                if (holds(p)) {
                    return p.event();
                }
                pending[id] = null;
            }
        }
        return null;
    }

    @Override
    public StopEvent resume(long harts) {
        StopEvent ready = pendingStop(harts);
        if (ready != null) {
            return reported(ready);
        }
        // gdb continues one thread alone to step it over a breakpoint (vCont;c:N): another hart stopping meanwhile
        // would be a stop gdb does not expect. Held harts execute nothing and, to the kernel, are not there to wait
        // for (see Hart#online).
        machine.harts().forEach(h -> h.setFrozen((harts & (1L << h.id())) == 0));
        try {
            return run();
        } finally {
            machine.harts().forEach(h -> h.setFrozen(false));
        }
    }

    private StopEvent run() {
        if (stopOnStale) {
            machine.watchStaleAccesses(true); // re-armed: the access of the last such stop now goes ahead
        }
        RunResult r = machine.run(instructionLimit);
        Pending hit = pending[r.stoppedHart()];
        String stale = machine.takeStaleStop();
        return reported(switch (r.outcome()) {
            case BREAK -> hit != null ? hit.event() : stale != null
                    ? new StopEvent(StopEvent.Kind.STALE_ACCESS, r.stoppedHart(), r.stoppedPc(), 0, stale)
                    : new StopEvent(StopEvent.Kind.INTERRUPTED, r.stoppedHart(), r.stoppedPc(), 0);
            case EXITED -> new StopEvent(StopEvent.Kind.EXITED, r.stoppedHart(), r.stoppedPc(), r.exitCode());
            case INSTRUCTION_LIMIT -> new StopEvent(StopEvent.Kind.LIMIT, r.stoppedHart(), r.stoppedPc(), 0);
            case DEADLOCK -> new StopEvent(StopEvent.Kind.DEADLOCK, r.stoppedHart(), r.stoppedPc(), 0);
            case STOPPED -> new StopEvent(StopEvent.Kind.INTERRUPTED, r.stoppedHart(), r.stoppedPc(), 0);
        });
    }

    @Override
    public StopEvent step(int id) {
        Hart h = machine.hart(id);
        // A step executes the instruction at the pc, breakpoint or not (GDB steps over its breakpoints this way),
        // and reports its completion; but a watchpoint its access hits stops it before the access and is reported
        // instead, unless the stop GDB was told about was that very access.
        if (!resuming(h)) {
            skipHart = id;
            skipPc = h.pc();
            skipInstret = h.instret();
            skipAccess = false;
        }
        pending[id] = null; // the step moves the hart or hits afresh: an older unreported stop of it no longer holds
        // The step runs on this thread, outside any run: kernel work a stop left parked must be done first, or a
        // trap the step takes could wait for a lock a parked hart holds.
        machine.completeKernelWork();
        machine.prepareSlice(h);
        int steps = h.run(1);
        machine.retired(steps);
        if (machine.exitRequested()) {
            return reported(new StopEvent(StopEvent.Kind.EXITED, id, h.pc(), machine.exitCode()));
        }
        Pending hit = pending[id];
        if (h.stoppedByDebugger() && hit != null) {
            return reported(hit.event());
        }
        return reported(new StopEvent(StopEvent.Kind.STEP, id, h.pc(), 0));
    }

    @Override
    public void interrupt() {
        machine.requestStop();
    }

    @Override
    public void cancelInterrupt() {
        machine.cancelStop();
    }

    /** Adds what software runs on a hart to its description (the kernel: pid and tid); "" for nothing. */
    public void setHartContext(java.util.function.IntFunction<String> context) {
        this.hartContext = context;
    }

    @Override
    public String describeHart(int id) {
        Hart h = machine.hart(id);
        String context = hartContext.apply(id);
        return "hart %d %s-mode pc=0x%x%s%s".formatted(id, Privilege.name(h.privilege()), h.pc(),
                h.isWaitingForInterrupt() ? " (wfi)" : "", context.isEmpty() ? "" : " " + context);
    }

    @Override
    public String monitor(String command) {
        return new MonitorCommands(machine, this).run(command);
    }
}
