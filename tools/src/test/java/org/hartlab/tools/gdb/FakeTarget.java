package org.hartlab.tools.gdb;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hartlab.core.debug.DebugException;
import org.hartlab.core.debug.DebugTarget;
import org.hartlab.core.debug.StopEvent;
import org.hartlab.core.debug.WatchKind;

/**
 * A {@link DebugTarget} that records what the stub asks of it: registers in a map (x, pc, and CSR mstatus only),
 * 4 KiB of memory at {@link #BASE}, breakpoint and watchpoint calls as strings. {@link #resume} returns the
 * queued stop events in order; with none queued it blocks until {@link #interrupt}.
 */
final class FakeTarget implements DebugTarget {
    static final long BASE = 0x8000_0000L;
    static final int MSTATUS = CSR_BASE + 0x300;

    private final int harts;
    private final Map<Integer, Long> registers = new HashMap<>();
    final byte[] memory = new byte[4096];
    final List<String> calls = new ArrayList<>();
    final Deque<StopEvent> stops = new ArrayDeque<>();
    final AtomicInteger interrupts = new AtomicInteger();
    private volatile CountDownLatch interrupted = new CountDownLatch(1);
    final CountDownLatch running = new CountDownLatch(1);
    /** When set, a memory read waits for it: the target thread stays busy while later packets arrive. */
    volatile CountDownLatch memoryGate;
    /** An interrupted resume returns only once another interrupt has come after the one that stopped it. */
    volatile boolean returnAfterARepeat;

    FakeTarget(int harts) {
        this.harts = harts;
        for (int h = 0; h < harts; h++) {
            registers.put(key(h, PC), BASE);
            registers.put(key(h, 10), (long) h); // a0 = hartid
            registers.put(key(h, MSTATUS), 0x1800L);
        }
    }

    private static int key(int hart, int regno) {
        return hart << 16 | regno;
    }

    private void checkHart(int hart) throws DebugException {
        if (hart < 0 || hart >= harts) {
            throw new DebugException("no hart " + hart);
        }
    }

    @Override
    public int hartCount() {
        return harts;
    }

    @Override
    public long readRegister(int hart, int regno) throws DebugException {
        checkHart(hart);
        Long v = registers.get(key(hart, regno));
        if (v == null && (regno < 32 || (regno >= FPR_BASE && regno < FPR_BASE + 32))) {
            return 0;
        }
        if (v == null) {
            throw new DebugException("no register " + regno);
        }
        return v;
    }

    @Override
    public void writeRegister(int hart, int regno, long value) throws DebugException {
        checkHart(hart);
        if (regno > PC && regno != MSTATUS && regno >= FPR_BASE + 32) {
            throw new DebugException("register " + regno + " is not writable");
        }
        registers.put(key(hart, regno), value);
        calls.add("write h%d r%d=%x".formatted(hart, regno, value));
    }

    @Override
    public byte[] readMemory(int hart, long address, int length) throws DebugException {
        checkHart(hart);
        CountDownLatch gate = memoryGate;
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (address < BASE || address + length > BASE + memory.length) {
            throw new DebugException("0x%x is not RAM".formatted(address));
        }
        return Arrays.copyOfRange(memory, (int) (address - BASE), (int) (address - BASE) + length);
    }

    @Override
    public void writeMemory(int hart, long address, byte[] data) throws DebugException {
        checkHart(hart);
        if (address < BASE || address + data.length > BASE + memory.length) {
            throw new DebugException("0x%x is not RAM".formatted(address));
        }
        System.arraycopy(data, 0, memory, (int) (address - BASE), data.length);
    }

    @Override
    public void setPhysicalMemory(boolean physical) {
    }

    @Override
    public boolean physicalMemory() {
        return false;
    }

    @Override
    public void setBreakpoint(long address, boolean present) {
        calls.add((present ? "break " : "unbreak ") + Long.toHexString(address));
    }

    @Override
    public void setWatchpoint(WatchKind kind, long address, int length, boolean present) {
        calls.add((present ? "watch " : "unwatch ") + kind + " " + Long.toHexString(address) + " " + length);
    }

    @Override
    public StopEvent resume(long harts) {
        calls.add(harts == ALL_HARTS ? "resume" : "resume 0x" + Long.toHexString(harts));
        synchronized (this) {
            if (!stops.isEmpty()) {
                return stops.removeFirst();
            }
        }
        running.countDown();
        try {
            if (!interrupted.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("fake target: resume was never interrupted");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int seen = interrupts.get();
        interrupted = new CountDownLatch(1);
        if (returnAfterARepeat) {
            awaitInterruptAfter(seen);
        }
        return new StopEvent(StopEvent.Kind.INTERRUPTED, 1, BASE, 0);
    }

    /** A machine takes a while to come to rest once stopped: the stub's repeated interrupt may land meanwhile. */
    private void awaitInterruptAfter(int seen) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (interrupts.get() == seen && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    /** Whether an interrupt waits for the next resume, which would then return at once. */
    boolean interruptPending() {
        return interrupted.getCount() == 0;
    }

    @Override
    public StopEvent step(int hart) {
        calls.add("step " + hart);
        long pc = registers.get(key(hart, PC)) + 4;
        registers.put(key(hart, PC), pc);
        return new StopEvent(StopEvent.Kind.STEP, hart, pc, 0);
    }

    @Override
    public void interrupt() {
        interrupts.incrementAndGet();
        interrupted.countDown();
    }

    @Override
    public void cancelInterrupt() {
        interrupted = new CountDownLatch(1);
    }

    @Override
    public String describeHart(int hart) {
        return "hart " + hart + " M-mode";
    }

    @Override
    public String monitor(String command) {
        return command.equals("quiet") ? "" : "ran " + command + "\n";
    }
}
