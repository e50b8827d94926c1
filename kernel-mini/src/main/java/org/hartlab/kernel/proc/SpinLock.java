package org.hartlab.kernel.proc;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicReference;
import org.hartlab.core.Machine;
import org.hartlab.core.hart.Hart;

/**
 * A kernel spin lock that spins through the engine's yield point, never a blocking Java lock: under the
 * deterministic engine the holder must get the baton back to release it, and the spin is where other harts
 * run. Records its holder, so a recursive acquisition is caught as the kernel bug it is.
 *
 * <p>Fair, first come first served, as Linux's queued spin lock and ticket locks before it: a hart that lets go
 * and asks again queues behind those already spinning. An unfair lock would let the hart that just released it
 * take it back within its own slice, again and again (the deterministic engine hands the baton on only at
 * slice ends): after a fork, the parent's faulting threads would wait until the forking thread had also waited
 * for its child and the child had exited, and find their pages no longer shared — a copy-on-write fault
 * that no longer copies, unlike on a real machine. A lock whose spinning is free (the kernel of
 * {@link org.hartlab.kernel.KernelCosts#ZERO}) stays the plain test-and-set of earlier versions, so that its runs
 * keep their instruction counts.
 */
public final class SpinLock {
    private final String name;
    private final Machine machine;
    private final AtomicReference<Hart> holder = new AtomicReference<>();
    /** Harts spinning for the lock, in the order they came; guarded by itself (harts may be host threads). */
    private final ArrayDeque<Hart> waiters = new ArrayDeque<>();
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
        boolean fair = spinCycles > 0;
        if (fair) {
            synchronized (waiters) {
                waiters.addLast(hart);
            }
        }
        boolean taken = false;
        try {
            while (!(taken = fair ? takeIfFirst(hart) : holder.compareAndSet(null, hart))) {
                whileSpinning.run();
                spinRound(machine, hart, spinCycles);
            }
        } finally {
            if (fair && !taken) { // left by an exception: the harts behind must not wait for us
                synchronized (waiters) {
                    waiters.remove(hart);
                }
            }
        }
    }

    /** Takes the lock if it is free and {@code hart} is the longest waiting. */
    private boolean takeIfFirst(Hart hart) {
        synchronized (waiters) {
            if (waiters.peekFirst() != hart || !holder.compareAndSet(null, hart)) {
                return false;
            }
            waiters.removeFirst();
            return true;
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
}
