package org.hartlab.kernel.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.hartlab.core.Machine;
import org.hartlab.core.aclint.Sswi;
import org.hartlab.core.hart.Cause;
import org.hartlab.core.hart.Hart;
import org.hartlab.core.trace.Event;

/**
 * TLB shootdown over IPIs, the only way one running hart's TLB is made to forget anything (a hart that is not
 * executing is the one exception, see {@link #serviceOffline}): the initiator posts a
 * request (page, ASID) in each target's mailbox, sends it an SSWI, flushes its own TLB, and waits — at yield
 * points — until every target has acknowledged. A target's IPI handler (or a kernel wait loop once the IPI has
 * arrived, see {@link #poll}) flushes what its mailbox asks and acknowledges. Until the last acknowledgement,
 * other harts may still translate through their old entries: that window is what the COW strategies must live
 * with, and it lasts as long as the IPI takes to arrive.
 */
public final class Shootdown {
    /** One flush request: page {@code va} (or every page when -1) of address space {@code asid}. */
    private record Request(long va, int asid, AtomicInteger pending) {
    }

    private final Machine machine;
    private final VmSystem vm;
    private final List<ConcurrentLinkedQueue<Request>> mailboxes = new ArrayList<>();
    private final AtomicInteger sent = new AtomicInteger();

    public Shootdown(Machine machine, VmSystem vm) {
        this.machine = machine;
        this.vm = vm;
        for (int i = 0; i < machine.harts().size(); i++) {
            mailboxes.add(new ConcurrentLinkedQueue<>());
        }
    }

    /**
     * Flushes page {@code va} (every page if -1) of {@code asid} from the TLBs of {@code targets} (a bit per
     * hart) and of {@code self}; returns when all have done so.
     */
    public void invalidate(Hart self, long targets, long va, int asid) {
        long others = targets & ~(1L << self.id());
        AtomicInteger pending = new AtomicInteger(Long.bitCount(others));
        vm.event(Event.Kind.SHOOTDOWN, Event.Phase.BEGIN, va, "asid " + asid + " targets 0x" + Long.toHexString(others));
        Request request = new Request(va, asid, pending);
        for (Hart h : machine.harts()) {
            if ((others & (1L << h.id())) != 0) {
                mailboxes.get(h.id()).add(request);
            }
        }
        for (Hart h : machine.harts()) {
            if ((others & (1L << h.id())) != 0) {
                vm.spend(self, vm.costs().ipiSend());
                sent.incrementAndGet();
                vm.event(Event.Kind.IPI_SEND, Event.Phase.INSTANT, va, "to hart " + h.id());
                machine.bus().storeMmio(Sswi.BASE + 4L * h.id(), 4, 1, self.id());
            }
        }
        flush(self, va, asid);
        vm.spend(self, vm.costs().tlbFlush());
        while (pending.get() > 0) {
            poll(self); // a target may be waiting on us to do the same
            serviceOffline(others);
            vm.waitRound(self);
        }
        vm.event(Event.Kind.SHOOTDOWN, Event.Phase.END, va, "all acknowledged");
    }

    /**
     * A kernel wait loop's look at {@code hart}'s mailbox: its requests are taken only once the IPI that
     * announced them has arrived (SSIP pending), as a real hart spinning with interrupts enabled would take it;
     * taking them earlier would close the very window the COW strategies must survive. When kernel waits take no
     * guest time ({@link org.hartlab.kernel.KernelCosts#ZERO}) a waiting hart's IPI clock stands still, so it
     * takes them at once instead, as hartlab did before its time model.
     */
    public void poll(Hart hart) {
        if (vm.costs().waitsTakeTime()) {
            long ssip = 1L << Cause.SSI;
            if ((hart.csrs().mip() & ssip) == 0) {
                return;
            }
            hart.csrs().lower(ssip);
            if (queued(hart) > 0) {
                vm.spend(hart, vm.costs().ipiTake());
            }
        }
        service(hart);
    }

    /** Carries out and acknowledges every request waiting in {@code hart}'s mailbox. */
    public void service(Hart hart) {
        Request r;
        while ((r = mailboxes.get(hart.id()).poll()) != null) {
            flush(hart, r.va(), r.asid());
            machine.event(hart.id(), Event.Kind.ACK, Event.Phase.INSTANT, r.va(), "asid " + r.asid());
            r.pending().decrementAndGet();
        }
    }

    /**
     * Kernel work that goes on while a target is offline — a parallel run that is ending takes the harts off one
     * by one, a deterministic engine completing parked kernel work runs it with every hart offline, a debugger
     * freezes the harts it does not resume — would wait for an IPI the target cannot take until a later run. Its
     * thread is not executing, so nothing else touches its TLB: flush it on its behalf. To the guest this is the
     * same as an IPI taken at once; the SSWI stays pending and finds an empty mailbox when the hart runs again.
     */
    private void serviceOffline(long targets) {
        for (Hart h : machine.harts()) {
            if ((targets & (1L << h.id())) != 0 && !h.online()) {
                synchronized (mailboxes.get(h.id())) { // two waiters may both find this hart offline
                    service(h);
                }
            }
        }
    }

    private static void flush(Hart hart, long va, int asid) {
        hart.sfenceVma(va != -1, va, true, asid);
    }

    /** Requests waiting in {@code hart}'s mailbox (not yet carried out). */
    public int queued(Hart hart) {
        return mailboxes.get(hart.id()).size();
    }

    public int sent() {
        return sent.get();
    }
}
