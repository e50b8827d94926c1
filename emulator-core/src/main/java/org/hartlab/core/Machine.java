package org.hartlab.core;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.hartlab.core.aclint.GuestClock;
import org.hartlab.core.aclint.IpiController;
import org.hartlab.core.aclint.Mswi;
import org.hartlab.core.aclint.Mtimer;
import org.hartlab.core.aclint.Sswi;
import org.hartlab.core.bus.Bus;
import org.hartlab.core.bus.Htif;
import org.hartlab.core.bus.Ram;
import org.hartlab.core.elf.ElfImage;
import org.hartlab.core.elf.ElfLoadException;
import org.hartlab.core.engine.DeterministicEngine;
import org.hartlab.core.engine.Engine;
import org.hartlab.core.engine.ParallelEngine;
import org.hartlab.core.hart.DecodeCache;
import org.hartlab.core.hart.Hart;
import org.hartlab.core.trace.Event;
import org.hartlab.core.trace.EventSink;
import org.hartlab.mmu.AccessType;

/**
 * A whole machine: harts sharing one bus with RAM and devices. Built from a {@link MachineConfig}, loaded
 * with an ELF, then run by an engine until the guest exits, a limit is hit, or it is stopped.
 */
public final class Machine {
    private final MachineConfig config;
    private final Bus bus;
    private final List<Hart> harts = new ArrayList<>();
    private final OutputStream console;

    private volatile boolean exitRequested;
    private volatile int exitCode;
    private volatile boolean stopRequested;
    private volatile Hart breakHart;
    private volatile Engine engine;
    private volatile EventSink events = EventSink.NONE;
    private final GuestClock clock;
    private final IpiController ipis;
    private final Mtimer mtimer;
    private final LongAdder staleAccesses = new LongAdder();
    /** Set by {@link #watchStaleAccesses}: the next stale access stops the run (once). */
    private volatile boolean stopAtStale;
    /** The access the last stale stop stood before (hart, instret): re-armed, the watch lets it go ahead. */
    private volatile int staleSkipHart = -1;
    private volatile long staleSkipInstret;
    private volatile String staleStop;

    public Machine(MachineConfig config, OutputStream console) {
        this.config = config;
        this.console = console;
        this.bus = new Bus(new Ram((long) config.ramMiB() << 20), config.harts());
        this.clock = new GuestClock(config.harts());
        DecodeCache decodeCache = new DecodeCache(bus);
        for (int i = 0; i < config.harts(); i++) {
            harts.add(new Hart(i, bus, decodeCache, config.tlb(), clock::now));
        }
        this.ipis = new IpiController(harts, config.ipiDelay(), config.seed());
        this.mtimer = new Mtimer(harts, clock);
        bus.attach(new Mswi(harts, ipis));
        bus.attach(mtimer);
        bus.attach(new Sswi(harts, ipis));
    }

    public IpiController ipis() {
        return ipis;
    }

    public GuestClock clock() {
        return clock;
    }

    public MachineConfig config() {
        return config;
    }

    public Bus bus() {
        return bus;
    }

    public List<Hart> harts() {
        return List.copyOf(harts);
    }

    public Hart hart(int id) {
        return harts.get(id);
    }

    /** Where guest console output goes (HTIF, the hosted kernel's write to fd 1 and 2). */
    public OutputStream console() {
        return console;
    }

    /**
     * Copies the image's segments into RAM, points every hart at the entry with a0 = hartid (the Spike and
     * QEMU boot convention), and attaches HTIF when the image has a {@code tohost} symbol.
     */
    public void load(ElfImage image) throws ElfLoadException {
        Ram ram = bus.ram();
        for (ElfImage.Segment s : image.segments()) {
            if (s.memorySize() > Integer.MAX_VALUE || !ram.contains(s.address(), (int) s.memorySize())) {
                throw new ElfLoadException("%s: segment at 0x%x (%d bytes) is outside RAM 0x%x..0x%x".formatted(
                        image.name(), s.address(), s.memorySize(), Ram.BASE, Ram.BASE + ram.size()));
            }
            bus.write(s.address(), s.data(), 0, s.data().length);
            bus.zero(s.address() + s.data().length, (int) s.memorySize() - s.data().length);
        }
        if (image.tohost().isPresent()) {
            long tohost = image.tohost().getAsLong();
            if (!ram.contains(tohost, 8)) {
                throw new ElfLoadException("%s: tohost at 0x%x is outside RAM".formatted(image.name(), tohost));
            }
            long fromhost = image.fromhost().orElse(0);
            if (fromhost != 0 && !ram.contains(fromhost, 8)) {
                throw new ElfLoadException("%s: fromhost at 0x%x is outside RAM".formatted(image.name(), fromhost));
            }
            Htif htif = new Htif(ram, tohost, fromhost, console, this::exitFromGuest);
            bus.watch(tohost, htif::stored);
        }
        for (Hart h : harts) {
            h.setPc(image.entry());
            h.setRegister(10, h.id());
        }
    }

    /** Ends the run as if the guest had exited with {@code code} (the hosted kernel's power-off). */
    public void powerOff(int code) {
        exitFromGuest(code);
    }

    private void exitFromGuest(int code) {
        exitCode = code;
        exitRequested = true;
        endAllSlices();
    }

    /** Makes every hart leave its current slice promptly (callable from any thread). */
    public void endAllSlices() {
        harts.forEach(Hart::requestSliceEnd);
    }

    public boolean exitRequested() {
        return exitRequested;
    }

    public int exitCode() {
        return exitCode;
    }

    /** Asks the engine to stop at the next slice boundary; callable from any thread (Ctrl-C). */
    public void requestStop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    /** Withdraws a stop request no run has consumed (a debugger detaching: the guest must run on). */
    public void cancelStop() {
        stopRequested = false;
    }

    /** A debug hook stopped {@code hart}: the run ends with {@link RunResult.Outcome#BREAK}. */
    public void debugBreak(Hart hart) {
        breakHart = hart;
        endAllSlices();
    }

    /** Runs under the configured engine until exit, deadlock, stop, or about {@code maxInstructions} steps. */
    public RunResult run(long maxInstructions) {
        breakHart = null;
        if (engine == null) {
            engine = switch (config.engine()) {
                case DETERMINISTIC -> new DeterministicEngine(
                        config.schedule().create(config.seed(), config.harts(), config.quantum()));
                case PARALLEL -> new ParallelEngine();
            };
        }
        RunResult result = engine.run(this, maxInstructions);
        if (result.outcome() == RunResult.Outcome.STOPPED) {
            stopRequested = false; // consumed: a stop asked for before or during this run ends this run only
        }
        return result;
    }

    /**
     * True if the last run ended (with a debugger's stop) while some hart was in the middle of kernel work, which
     * stays parked so the machine is seen as it was; the next run resumes it, {@link #completeKernelWork} ends it.
     */
    public boolean kernelWorkSuspended() {
        Engine e = engine;
        return e != null && e.kernelWorkSuspended();
    }

    /**
     * Completes any kernel work the last run left suspended, in a fixed order, with the other harts not running:
     * call it before touching the machine from outside a run (stepping one hart, calling the kernel).
     */
    public void completeKernelWork() {
        Engine e = engine;
        if (e != null) {
            e.completeKernelWork();
        }
    }

    /** Sends every event of this machine (and of a kernel on it) to {@code sink}; {@link EventSink#NONE} to stop. */
    public void setEventSink(EventSink sink) {
        this.events = sink;
        harts.forEach(h -> h.setEventSink(sink));
        ipis.setEventSink(sink);
    }

    /** Reports an event at the current guest time. */
    public void event(int hart, Event.Kind kind, Event.Phase phase, long address, String detail) {
        EventSink sink = events;
        if (sink != EventSink.NONE) {
            sink.accept(new Event(clock.now(), hart, kind, phase, address, detail));
        }
    }

    public boolean tracing() {
        return events != EventSink.NONE;
    }

    /** See {@link Engine#yieldPoint}; a no-op outside a run. */
    public void yieldPoint(Hart hart) {
        Engine e = engine;
        if (e != null) {
            e.yieldPoint(hart);
        }
    }

    /**
     * See {@link Engine#spend}: {@code hart} is busy for {@code cycles} guest cycles of kernel work. Outside a
     * run (a process spawned from the shell) the cycles are only counted.
     */
    public void spend(Hart hart, long cycles) {
        if (cycles <= 0) {
            return;
        }
        Engine e = engine;
        if (e != null) {
            e.spend(hart, cycles);
        } else {
            hart.spendKernelCycles(cycles);
            retired(cycles);
        }
    }

    /**
     * Watches every hart's loads, stores and atomics for accesses through a TLB entry the page table no longer
     * agrees with: each becomes a {@link Event.Kind#STALE_ACCESS} event and is counted; with {@code stopAtFirst}
     * the run stops (outcome BREAK) before the first such access executes. Harts run slower while watched
     * (instruction by instruction), but the run is the same.
     */
    public void watchStaleAccesses(boolean stopAtFirst) {
        stopAtStale = stopAtFirst;
        harts.forEach(h -> h.setStaleAccessWatch(this::staleAccess));
    }

    private boolean staleAccess(Hart hart, long va, AccessType type, int asid, long cachedPa, long tablePa) {
        staleAccesses.increment();
        String what = "%s of 0x%x (asid %d) through a stale TLB entry: it gives pa 0x%x, the page table %s".formatted(
                type.name().toLowerCase(Locale.ROOT), va, asid, cachedPa,
                tablePa < 0 ? "no longer allows the access" : "gives pa 0x" + Long.toHexString(tablePa));
        event(hart.id(), Event.Kind.STALE_ACCESS, Event.Phase.INSTANT, va, what);
        if (stopAtStale && !(hart.id() == staleSkipHart && hart.instret() == staleSkipInstret)) {
            stopAtStale = false;
            staleSkipHart = hart.id();
            staleSkipInstret = hart.instret();
            // The entry as it is now (it stays so after the stop: the shootdown that will drop it stays parked
            // with the kernel work the stop interrupted, see Engine#kernelWorkSuspended).
            String entry = hart.mmu().entries().stream()
                    .filter(e -> e.virtualAddress() == (va & -e.pageSize().bytes()) && e.asid() == asid)
                    .map(Object::toString).findFirst().orElse("none");
            staleStop = "hart %d, pc 0x%x: %s; its TLB entry: %s".formatted(hart.id(), hart.pc(), what, entry);
            return true;
        }
        return false;
    }

    /** Stale accesses seen since {@link #watchStaleAccesses} (0 when not watching). */
    public long staleAccesses() {
        return staleAccesses.sum();
    }

    /** The stale access a run stopped before, or null. */
    public String staleStop() {
        return staleStop;
    }

    /** {@link #staleStop}, forgotten once read: the next stop (after {@link #watchStaleAccesses} again) is new. */
    public String takeStaleStop() {
        String s = staleStop;
        staleStop = null;
        return s;
    }

    /** Stops watching for stale accesses (the counts stay). */
    public void unwatchStaleAccesses() {
        stopAtStale = false;
        harts.forEach(h -> h.setStaleAccessWatch(null));
    }

    // ---- services for engines ----

    /** Why the run must end now, or null to go on. */
    public RunResult.Outcome endCondition(long executed, long maxInstructions) {
        if (exitRequested) {
            return RunResult.Outcome.EXITED;
        }
        if (breakHart != null) {
            return RunResult.Outcome.BREAK;
        }
        if (stopRequested) {
            return RunResult.Outcome.STOPPED;
        }
        return executed >= maxInstructions ? RunResult.Outcome.INSTRUCTION_LIMIT : null;
    }

    public RunResult result(RunResult.Outcome outcome, long executed, Hart last) {
        Hart stopped = outcome == RunResult.Outcome.BREAK ? breakHart : last;
        return new RunResult(outcome, exitCode, executed, stopped.pc(), stopped.id());
    }

    /**
     * Brings {@code hart}'s device-driven interrupts up to date (timer level, IPIs now due) and returns how many
     * instructions it may run before the next of them falls due, so the slice can end exactly there.
     */
    public long prepareSlice(Hart hart) {
        long untilIpi = ipis.deliverDue(hart);
        long ticks = Math.min(mtimer.update(hart), updateSupervisorTimer(hart));
        long untilTimer = ticks > Long.MAX_VALUE / harts.size() ? Long.MAX_VALUE : Math.max(1, ticks * harts.size());
        return Math.max(1, Math.min(untilIpi, untilTimer));
    }

    /** Sstc: STIP follows {@code time >= stimecmp}; returns ticks until it would rise (MAX_VALUE if not armed). */
    private long updateSupervisorTimer(Hart hart) {
        if (!hart.csrs().supervisorTimerEnabled()) {
            return Long.MAX_VALUE;
        }
        long now = clock.now();
        long cmp = hart.csrs().stimecmp();
        long stip = 1L << org.hartlab.core.hart.Cause.STI;
        if (Long.compareUnsigned(now, cmp) >= 0) {
            hart.csrs().raise(stip);
            return Long.MAX_VALUE;
        }
        hart.csrs().lower(stip);
        long ticks = cmp - now;
        return ticks < 0 ? Long.MAX_VALUE : ticks;
    }

    /** Counts instructions retired, or kernel cycles spent, by some hart (guest time follows them). */
    public void retired(long steps) {
        clock.retired(steps);
    }

    /** With every hart asleep, moves guest time to the earliest timer deadline; false if none is armed. */
    public boolean skipToNextTimer() {
        long deadline = mtimer.earliestDeadline();
        for (Hart h : harts) {
            if (h.csrs().supervisorTimerEnabled() && Long.compareUnsigned(h.csrs().stimecmp(), deadline) < 0) {
                deadline = h.csrs().stimecmp();
            }
        }
        if (deadline == -1 || Long.compareUnsigned(deadline, clock.now()) <= 0) {
            return false; // nothing armed, or already pending but masked: no interrupt can come
        }
        clock.advanceTo(deadline);
        harts.forEach(this::prepareSlice);
        return true;
    }
}
