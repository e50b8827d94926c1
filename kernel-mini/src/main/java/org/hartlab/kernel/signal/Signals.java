package org.hartlab.kernel.signal;

import org.hartlab.core.aclint.Sswi;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.proc.Interruption;
import org.hartlab.kernel.proc.KThread;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.kernel.syscall.Errno;
import org.hartlab.kernel.vm.UserMemory;

/**
 * Sending and delivering signals, as Linux does. A signal sent is queued on the thread (tgkill, a fault,
 * SIGPIPE) or the process (kill, SIGCHLD); one the action ignores is dropped at once unless blocked. A
 * terminating one ends the process at once (Linux's group exit at send); otherwise the thread that will take
 * it is woken: out of a sleep in a system call ({@link org.hartlab.kernel.proc.Scheduler#interrupt}), or by an
 * IPI from the hart it runs on. Delivery happens only in {@link #deliver}, which the kernel runs for the
 * thread a hart is about to return to user mode with: after every trap, system call and interrupt, so where a
 * handler starts is fixed by the guest's execution on both engines. All methods run under the kernel lock.
 */
public final class Signals {
    private final Kernel kernel;

    public Signals(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Sends {@code signal} to thread {@code t} from the kernel as Linux's send_sig does (SIGPIPE on a write). */
    public void send(Hart self, KThread t, int signal) {
        sendToThread(self, t, SigInfo.sentBy(signal, Sig.SI_USER, t.proc().pid()));
    }

    /** Queues {@code info} for thread {@code t} alone (tgkill, tkill). */
    public void sendToThread(Hart self, KThread t, SigInfo info) {
        Proc p = t.proc();
        if (p.exited() || t.state() == KThread.State.EXITED) {
            return;
        }
        post(self, p, t, t.signals().pending(), info, refuses(t, info.signo()) ? null : t);
    }

    /** Queues {@code info} for process {@code p} (kill, SIGCHLD): any of its threads not blocking it takes it. */
    public void sendToProcess(Hart self, Proc p, SigInfo info) {
        KThread leader = p.threads().stream().filter(t -> t.state() != KThread.State.EXITED).findFirst()
                .orElse(null);
        if (p.exited() || leader == null) {
            return;
        }
        KThread taker = p.threads().stream().filter(t -> t.state() != KThread.State.EXITED)
                .filter(t -> !refuses(t, info.signo())).findFirst().orElse(null);
        post(self, p, leader, p.signals().shared(), info, taker);
    }

    private void post(Hart self, Proc p, KThread checked, SigQueue queue, SigInfo info, KThread taker) {
        int signal = info.signo();
        SigAction action = p.signals().action(signal);
        // Linux's sig_ignored: a blocked signal is kept, its action may change before it is unblocked.
        if (action.ignores(signal) && !blocks(checked, signal) || !queue.add(info) || taker == null) {
            return;
        }
        if (action.kills(signal) && !blocks(taker, signal)) { // blocked: the taker waits for it in rt_sigtimedwait
            kernel.exitProcess(self, p, signal); // no core file (RLIMIT_CORE is 0): no WCOREDUMP bit
        } else if (!kernel.scheduler().interrupt(taker, self) && taker.state() == KThread.State.RUNNING
                && taker.hart() != null && taker.hart() != self) {
            // It runs elsewhere: an IPI brings it into the kernel, whose return to user mode delivers.
            kernel.machine().bus().storeMmio(Sswi.BASE + 4L * taker.hart().id(), 4, 1, self == null ? 0 : self.id());
        }
    }

    private static boolean blocks(KThread t, int signal) {
        return (t.signals().blocked() & Sig.bit(signal)) != 0;
    }

    /**
     * Linux's dequeue_signal: takes the signal to deliver next among those not in {@code blocked}, from
     * {@code t}'s own queue first, then its process's; null when none is pending.
     */
    static SigInfo dequeue(KThread t, long blocked) {
        SigQueue own = t.signals().pending();
        SigQueue queue = own.next(blocked) != 0 ? own : t.proc().signals().shared();
        int signal = queue.next(blocked);
        return signal == 0 ? null : queue.take(signal);
    }

    /** Blocks it and does not wait for it in rt_sigtimedwait: a send must not wake the thread for it. */
    private static boolean refuses(KThread t, int signal) {
        return blocks(t, signal) && (t.signals().awaited() & Sig.bit(signal)) == 0;
    }

    /**
     * A fault in user mode raises {@code signal} (si_code {@code code}, si_addr {@code addr}) in {@code t}, as
     * Linux's force_sig_fault: queued for its handler when one is installed and not blocked; otherwise false,
     * and the caller ends the process by the signal's default action, as Linux does then.
     */
    public boolean trapSignal(KThread t, int signal, int code, long addr) {
        if (!t.proc().signals().action(signal).catches() || blocks(t, signal)) {
            return false;
        }
        t.signals().pending().add(new SigInfo(signal, code, addr, 0));
        return true;
    }

    /** Child {@code child} can be reaped now: its parent gets SIGCHLD with how it ended. */
    public void childExited(Hart self, Proc child) {
        Proc parent = child.parent();
        if (parent == null) {
            return;
        }
        int status = child.exitStatus();
        boolean killed = (status & 0x7F) != 0;
        sendToProcess(self, parent, new SigInfo(Sig.SIGCHLD, killed ? Sig.CLD_KILLED : Sig.CLD_EXITED, child.pid(),
                killed ? status & 0x7F : (status >>> 8) & 0xFF));
    }

    /**
     * Delivers what is pending and not blocked for {@code t}, the thread {@code hart} returns to user mode with:
     * ignored signals are dropped, a terminating one ends the process, each caught one gets a frame (the last
     * one taken runs first, the others when it returns, as on Linux). A system call whose sleep a signal ended
     * gets -EINTR or is restarted here. Returns true if the process ended, so the hart must choose again.
     */
    public boolean deliver(Hart hart, KThread t) {
        if (t == null || t.state() != KThread.State.RUNNING) {
            return false;
        }
        Proc p = t.proc();
        ThreadSignals ts = t.signals();
        Interruption how = t.takeInterruption();
        boolean interrupted = how != null;
        if (interrupted) {
            hart.setRegister(10, how.result(hart));
        }
        while (!ts.pending().isEmpty() || !p.signals().shared().isEmpty()) {
            SigInfo info = dequeue(t, ts.blocked());
            if (info == null) {
                break;
            }
            int signal = info.signo();
            SigAction action = p.signals().action(signal);
            if (action.ignores(signal)) {
                continue;
            }
            if (action.kills(signal)) {
                kernel.exitProcess(hart, p, signal);
                return true;
            }
            if (interrupted) {
                endInterruptedCall(hart, t, action);
                interrupted = false;
            }
            if (!handle(hart, t, info, action)) {
                // Linux's force_sigsegv: the frame cannot be written, so the process dies of SIGSEGV.
                kernel.exitProcess(hart, p, Sig.SIGSEGV);
                return true;
            }
        }
        if (interrupted) {
            restartInterruptedCall(hart, t);
        }
        return false;
    }

    /** A handler is about to run: the interrupted call returns -EINTR, or runs again (SA_RESTART, ERESTARTSYS). */
    private static void endInterruptedCall(Hart hart, KThread t, SigAction action) {
        long a0 = hart.register(10);
        if (a0 == -Interruption.ERESTARTSYS && (action.flags() & Sig.SA_RESTART) != 0
                || a0 == -Interruption.ERESTARTNOINTR) {
            hart.csrs().setSepc(hart.csrs().sepc() - 4);
            hart.setRegister(10, t.syscallArg0());
        } else if (a0 == -Interruption.ERESTARTSYS || a0 == -Interruption.ERESTARTNOHAND
                || a0 == -Interruption.ERESTART_RESTARTBLOCK) {
            hart.setRegister(10, -Errno.EINTR);
        }
    }

    /**
     * No handler ran after all (another thread took the signal): the call runs again with its arguments, and a
     * mask rt_sigsuspend replaced is back. A relative sleep then sleeps its whole time again.
     */
    private static void restartInterruptedCall(Hart hart, KThread t) {
        long a0 = hart.register(10);
        if (a0 == -Interruption.ERESTARTSYS || a0 == -Interruption.ERESTARTNOINTR || a0 == -Interruption.ERESTARTNOHAND
                || a0 == -Interruption.ERESTART_RESTARTBLOCK) {
            hart.csrs().setSepc(hart.csrs().sepc() - 4);
            hart.setRegister(10, t.syscallArg0());
        }
        ThreadSignals ts = t.signals();
        if (ts.savedMask() != ThreadSignals.NO_SAVED_MASK) {
            ts.setBlocked(ts.savedMask());
            ts.setSavedMask(ThreadSignals.NO_SAVED_MASK);
        }
    }

    /**
     * Sets up the handler of {@code info}: a frame on the user stack (or the alternate stack, SA_ONSTACK), the
     * mask widened by sa_mask and the signal itself (unless SA_NODEFER), SA_RESETHAND applied. False when the
     * frame cannot be written.
     */
    private boolean handle(Hart hart, KThread t, SigInfo info, SigAction action) {
        ThreadSignals ts = t.signals();
        long sp = hart.register(2);
        int onStack = ts.altStackFlags() == ThreadSignals.SS_DISABLE ? ThreadSignals.SS_DISABLE
                : ts.onAltStack(sp) ? ThreadSignals.SS_ONSTACK : 0;
        long[] stack = {ts.altStack(), onStack, ts.altStackSize()};
        long top = sp;
        if ((action.flags() & Sig.SA_ONSTACK) != 0 && onStack == 0) {
            top = ts.altStack() + ts.altStackSize();
        } else if (onStack == ThreadSignals.SS_ONSTACK && !ts.onAltStack(sp - SigFrame.SIZE)) {
            return false; // the alternate stack would overflow
        }
        long oldMask = ts.savedMask() != ThreadSignals.NO_SAVED_MASK ? ts.savedMask() : ts.blocked();
        UserMemory memory = new UserMemory(t.proc().vmMap(), kernel.machine().bus(), hart);
        long frame = (top - SigFrame.SIZE) & ~15L;
        if (!SigFrame.mapTrampoline(t.proc().vmMap(), memory)
                || !SigFrame.push(hart, memory, frame, info, action.handler(), oldMask, stack)) {
            return false;
        }
        ts.setSavedMask(ThreadSignals.NO_SAVED_MASK);
        if ((ts.altStackFlags() & SignalCalls.SS_AUTODISARM) != 0) {
            ts.setAltStack(0, 0, ThreadSignals.SS_DISABLE);
        }
        long mask = ts.blocked() | action.mask();
        ts.setBlocked((action.flags() & Sig.SA_NODEFER) != 0 ? mask : mask | Sig.bit(info.signo()));
        if ((action.flags() & Sig.SA_RESETHAND) != 0) {
            t.proc().signals().setAction(info.signo(), new SigAction(Sig.SIG_DFL, action.flags(), action.mask()));
        }
        return true;
    }

    /**
     * rt_sigreturn: back to what the frame at sp holds, registers, FP state, mask and alternate stack; returns
     * the restored a0. A frame that cannot be read ends the process with SIGSEGV, as Linux's force_sig would
     * when no handler can take it.
     */
    public long sigreturn(Hart hart, KThread t) {
        UserMemory memory = new UserMemory(t.proc().vmMap(), kernel.machine().bus(), hart);
        SigFrame.Restored r = SigFrame.pop(hart, memory, hart.register(2));
        if (r == null) {
            if (!trapSignal(t, Sig.SIGSEGV, Sig.SI_KERNEL, 0)) {
                kernel.exitProcess(hart, t.proc(), Sig.SIGSEGV);
            }
            return hart.register(10);
        }
        t.signals().setBlocked(r.mask());
        SignalCalls.setAltStack(t.signals(), hart.register(2), r.stack()[0], (int) r.stack()[1], r.stack()[2]);
        return hart.register(10);
    }
}
