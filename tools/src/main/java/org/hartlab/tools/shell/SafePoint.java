package org.hartlab.tools.shell;

import java.util.concurrent.atomic.AtomicInteger;
import org.hartlab.core.Machine;
import org.hartlab.core.engine.Engine;
import org.hartlab.core.hart.DebugHooks;
import org.hartlab.core.hart.Hart;
import org.hartlab.core.hart.Supervisor;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.vm.Shootdown;

/**
 * Brings the shell's machine to a point where no hart is inside the kernel and none is executing an instruction,
 * so the shell may call the kernel from outside.
 *
 * <p>Why not {@link Machine#requestStop}: an engine ends a run at a slice boundary of whichever hart checks first,
 * while another hart may be inside the kernel waiting for a third to acknowledge a TLB shootdown; that third
 * hart's thread has left, the wait never ends and {@code run} never returns. So the shell stops only where no hart
 * is inside the kernel. It sits between the harts and the kernel (as every hart's {@link Supervisor}, counting the
 * harts inside the kernel) and, while a stop is wanted, looks at every instruction (as {@link DebugHooks}):
 * <ul>
 *   <li>deterministic engine (one hart at a time): the running hart stops before its next instruction once no
 *       hart is inside the kernel, which ends the run (outcome BREAK); the shell works on a stopped machine and
 *       runs it again.</li>
 *   <li>parallel engine: each hart holds before its next instruction or kernel entry, acknowledging shootdowns
 *       while it holds, until the harts still inside the kernel have left it; the run goes on, held.</li>
 * </ul>
 */
final class SafePoint implements Supervisor, DebugHooks {
    private enum Mode { OPEN, CLOSED, DISCARDED }

    private final Machine machine;
    private final Supervisor kernel;
    private final Shootdown shootdown;
    private final boolean oneAtATime;
    private final AtomicInteger inKernel = new AtomicInteger();
    private volatile Mode mode = Mode.OPEN;

    private SafePoint(Machine machine, Kernel kernel) {
        this.machine = machine;
        this.kernel = kernel;
        this.shootdown = kernel.vm().shootdown();
        this.oneAtATime = machine.config().engine() == Engine.Kind.DETERMINISTIC;
    }

    /** Puts a safe point between every hart of {@code machine} and {@code kernel} (just booted on it). */
    static SafePoint install(Machine machine, Kernel kernel) {
        SafePoint point = new SafePoint(machine, kernel);
        machine.harts().forEach(h -> h.setSupervisor(point));
        return point;
    }

    /** Asks the harts to stop at the next safe point: see {@link #reached}. */
    synchronized void close() {
        mode = Mode.CLOSED;
        machine.harts().forEach(h -> h.setDebugHooks(this));
    }

    /** Lets the harts go on. */
    synchronized void open() {
        mode = Mode.OPEN;
        machine.harts().forEach(h -> h.setDebugHooks(null));
        notifyAll();
    }

    /** The machine is being thrown away: every hart stops at its next safe point and the kernel is not entered. */
    synchronized void discard() {
        mode = Mode.DISCARDED;
        notifyAll();
    }

    /**
     * True when a held run is at a safe point: no hart inside the kernel, and every hart holding or asleep in WFI
     * (a hart that wakes holds before it does anything). Always false under the deterministic engine, whose safe
     * point ends the run instead.
     */
    synchronized boolean reached() {
        if (oneAtATime || mode != Mode.CLOSED || inKernel.get() != 0) {
            return false;
        }
        for (Hart h : machine.harts()) {
            if (!h.held() && !h.asleep()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void trap(Hart hart, long scause, long stval) {
        if (!oneAtATime && mode != Mode.OPEN && !hold(hart)) {
            return; // discarded: this machine will never run again, its kernel need not hear of the trap
        }
        inKernel.incrementAndGet();
        try {
            kernel.trap(hart, scause, stval);
        } finally {
            inKernel.decrementAndGet();
        }
    }

    @Override
    public boolean stopBeforeInstruction(Hart hart) {
        if (mode == Mode.OPEN) {
            return false;
        }
        if (oneAtATime) {
            return inKernel.get() == 0; // only this hart runs: nobody can enter the kernel before the run ends
        }
        return !hold(hart);
    }

    @Override
    public boolean stopBeforeAccess(Hart hart, long va, int size, boolean store) {
        return false;
    }

    /**
     * Holds {@code hart} (parallel engine) while the safe point is closed, acknowledging shootdowns meanwhile: a hart
     * still inside the kernel may be waiting for this one. Returns false if the machine is being discarded.
     */
    private synchronized boolean hold(Hart hart) {
        hart.setHeld(true);
        try {
            while (mode == Mode.CLOSED) {
                shootdown.service(hart);
                try {
                    wait(1);
                } catch (InterruptedException e) {
                    // hart threads are not interrupted; go on holding
                }
            }
        } finally {
            hart.setHeld(false);
        }
        return mode == Mode.OPEN;
    }
}
