package org.hartlab.kernel.vm;

import java.util.concurrent.atomic.LongAdder;
import org.hartlab.core.Machine;
import org.hartlab.core.bus.Bus;
import org.hartlab.core.hart.Hart;
import org.hartlab.core.trace.Event;
import org.hartlab.kernel.KernelCosts;
import org.hartlab.kernel.proc.SpinLock;

/**
 * What the VM code shares: physical pages, the shootdown protocol, the COW strategy of this boot, the kernel
 * lock (released around shootdown waits), and the counters {@code stats} shows.
 */
public final class VmSystem {
    private final Machine machine;
    private final PhysicalPages pages;
    private final Shootdown shootdown;
    private final CowStrategy strategy;
    private final SpinLock lock;
    private final KernelCosts costs;
    final LongAdder faults = new LongAdder();
    final LongAdder zeroFills = new LongAdder();
    final LongAdder cowCopies = new LongAdder();
    final LongAdder upgrades = new LongAdder();
    final LongAdder spurious = new LongAdder();
    final LongAdder busySleeps = new LongAdder();
    /** Faults that started over from the lookup because the map changed while they waited for a shootdown. */
    final LongAdder restarts = new LongAdder();
    /** Guest time (mtime ticks) spent in faults that made a COW copy, including the shootdown wait. */
    final LongAdder cowTicks = new LongAdder();
    /** Host nanoseconds spent in the same faults. */
    final LongAdder cowHostNanos = new LongAdder();
    /** The hart whose thread runs kernel code right now (the kernel runs on the trapping hart's thread). */
    private static final ThreadLocal<Hart> CURRENT = new ThreadLocal<>();

    /** A VM system whose work takes no guest time ({@link KernelCosts#ZERO}). */
    public VmSystem(Machine machine, PhysicalPages pages, CowStrategy strategy, SpinLock lock) {
        this(machine, pages, strategy, lock, KernelCosts.ZERO);
    }

    public VmSystem(Machine machine, PhysicalPages pages, CowStrategy strategy, SpinLock lock, KernelCosts costs) {
        this.machine = machine;
        this.pages = pages;
        this.costs = costs;
        this.shootdown = new Shootdown(machine, this);
        this.strategy = strategy;
        this.lock = lock;
    }

    public KernelCosts costs() {
        return costs;
    }

    /** Keeps {@code hart} busy for {@code cycles} of kernel work while the other harts run. */
    void spend(Hart hart, long cycles) {
        machine.spend(hart, cycles);
    }

    /** One round of a kernel wait on {@code hart}. */
    void waitRound(Hart hart) {
        SpinLock.spinRound(machine, hart, costs.spin());
    }

    public PhysicalPages pages() {
        return pages;
    }

    /** Records that kernel code on this host thread acts for {@code hart} (set at every trap entry). */
    public static void enter(Hart hart) {
        CURRENT.set(hart);
    }

    /** Reports an event on the hart the calling kernel code runs for. */
    void event(Event.Kind kind, Event.Phase phase, long address, String detail) {
        if (machine.tracing()) {
            Hart h = CURRENT.get();
            machine.event(h == null ? 0 : h.id(), kind, phase, address, detail);
        }
    }

    Machine machine() {
        return machine;
    }

    public Shootdown shootdown() {
        return shootdown;
    }

    public CowStrategy strategy() {
        return strategy;
    }

    /** Where the kernel's stores into guest RAM go (see {@link Bus}: never to RAM directly). */
    Bus bus() {
        return machine.bus();
    }

    /**
     * Shoots down page {@code va} of {@code pmap} on every hart that may cache it, with the kernel lock released
     * meanwhile (other harts' faults must be able to run, and find the page busy).
     */
    void shootdownUnlocked(Hart self, Pmap pmap, long va) {
        lock.unlock(self);
        try {
            shootdown.invalidate(self, pmap.activeHarts(), va, pmap.asid());
        } finally {
            lock.lock(self, () -> shootdown.poll(self));
        }
    }

    /** Waits, with the kernel lock released, until {@code page} is no longer busy. */
    void sleepWhileBusy(Hart self, VmPage page) {
        busySleeps.increment();
        event(Event.Kind.BUSY_SLEEP, Event.Phase.BEGIN, page.physicalAddress(), "busy page");
        lock.unlock(self);
        try {
            while (page.busy()) {
                shootdown.poll(self);
                waitRound(self);
            }
        } finally {
            lock.lock(self, () -> shootdown.poll(self));
            event(Event.Kind.BUSY_SLEEP, Event.Phase.END, page.physicalAddress(), "unbusied");
        }
    }

    /**
     * The fault counters: faults, zero-fills, COW copies, upgrades, spurious, busy sleeps, shootdown IPIs, and
     * guest ticks spent in COW faults.
     */
    public long[] counters() {
        return new long[] {faults.sum(), zeroFills.sum(), cowCopies.sum(), upgrades.sum(), spurious.sum(),
            busySleeps.sum(), shootdown.sent(), cowTicks.sum()};
    }

    /** Charges a fault that began at guest time {@code start}, host time {@code hostStart}, to COW if it copied. */
    public void chargeFault(long start, long hostStart, long copiesBefore) {
        if (cowCopies.sum() > copiesBefore) {
            cowTicks.add(machine.clock().now() - start);
            cowHostNanos.add(System.nanoTime() - hostStart);
        }
    }

    /** How many times a fault found the map changed after its shootdown wait, and started over from the lookup. */
    public long faultRestarts() {
        return restarts.sum();
    }

    public long cowHostNanos() {
        return cowHostNanos.sum();
    }

    public long cowCopiesSoFar() {
        return cowCopies.sum();
    }
}
