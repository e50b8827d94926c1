package org.hartlab.kernel.proc;

import java.util.concurrent.atomic.AtomicReference;
import org.hartlab.core.Machine;
import org.hartlab.core.hart.Hart;

/**
 * A kernel spin lock that spins through the engine's yield point, never a blocking Java lock: under the
 * deterministic engine the holder must get the baton back to release it, and the spin is where other harts
 * run. Records its holder, so a recursive acquisition is caught as the kernel bug it is.
 */
public final class SpinLock {
    private final String name;
    private final Machine machine;
    private final AtomicReference<Hart> holder = new AtomicReference<>();
    /** Guest cycles one round of spinning takes (0: spinning is free, a bare yield point). */
    private final long spinCycles;

    public SpinLock(String name, Machine machine) {
        this(name, machine, 0);
    }

    public SpinLock(String name, Machine machine, long spinCycles) {
        this.name = name;
        this.machine = machine;
        this.spinCycles = spinCycles;
    }

    /**
     * Spins until the lock is {@code hart}'s, running {@code whileSpinning} on each round: the holder may be
     * waiting for this very hart to acknowledge a TLB shootdown, which it can only do while it spins.
     */
    public void lock(Hart hart, Runnable whileSpinning) {
        if (holder.get() == hart) {
            throw new IllegalStateException(name + ": already held by hart " + hart.id());
        }
        while (!holder.compareAndSet(null, hart)) {
            whileSpinning.run();
            spinRound(machine, hart, spinCycles);
        }
    }

    /**
     * One round of a kernel wait on {@code hart}: {@code cycles} of guest time (other harts run meanwhile), or a
     * bare yield point when waits are free.
     */
    public static void spinRound(Machine machine, Hart hart, long cycles) {
        if (cycles > 0) {
            machine.spend(hart, cycles);
        } else {
            machine.yieldPoint(hart);
        }
    }

    public void unlock(Hart hart) {
        if (!holder.compareAndSet(hart, null)) {
            throw new IllegalStateException(name + ": released by hart " + hart.id() + " which does not hold it");
        }
    }

    public boolean heldBy(Hart hart) {
        return holder.get() == hart;
    }
}
