package org.hartlab.kernel;

import java.util.Locale;
import org.hartlab.core.Machine;
import org.hartlab.core.hart.Cause;
import org.hartlab.core.hart.Hart;
import org.hartlab.core.trace.Event;
import org.hartlab.kernel.proc.KThread;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.kernel.signal.Sig;
import org.hartlab.kernel.signal.Signals;
import org.hartlab.kernel.syscall.Syscalls;
import org.hartlab.kernel.vm.VmFault;
import org.hartlab.kernel.vm.VmSystem;

/**
 * A user thread's synchronous trap: an ecall goes to the system calls, a page fault to {@link VmFault} (timed,
 * traced and checked as it goes), and anything else raises the signal Linux raises for it, which kills the process
 * unless it handles it. Runs under the kernel lock, on the trapping hart.
 */
final class UserExceptions {
    private final Kernel kernel;
    private final Machine machine;
    private final KernelCosts costs;
    private final VmSystem vm;
    private final Syscalls syscalls;
    private final Signals signals;
    private final InvariantWatch invariants;

    UserExceptions(Kernel kernel, VmSystem vm, Syscalls syscalls, Signals signals, InvariantWatch invariants) {
        this.kernel = kernel;
        this.machine = kernel.machine();
        this.costs = kernel.costs();
        this.vm = vm;
        this.syscalls = syscalls;
        this.signals = signals;
        this.invariants = invariants;
    }

    /** Handles exception {@code cause} (with {@code stval}) that {@code t} took in U-mode on {@code hart}. */
    void handle(Hart hart, KThread t, int cause, long stval) {
        Proc p = t.proc();
        switch (cause) {
            case Cause.ECALL_FROM_U -> {
                hart.csrs().setSepc(hart.csrs().sepc() + 4);
                t.enterSyscall(hart.csrs().sepc(), hart.register(10));
                machine.spend(hart, costs.syscall());
                syscalls.dispatch(hart, t);
            }
            case Cause.INSTRUCTION_PAGE_FAULT, Cause.LOAD_PAGE_FAULT, Cause.STORE_PAGE_FAULT -> {
                machine.event(hart.id(), Event.Kind.FAULT, Event.Phase.BEGIN, stval, Cause.describe(cause, false));
                long start = machine.clock().now();
                long hostStart = System.nanoTime();
                long copies = vm.cowCopiesSoFar();
                machine.spend(hart, costs.fault());
                VmFault.Result r = VmFault.fault(vm, p.vmMap(), stval, VmFault.needed(cause), hart);
                vm.chargeFault(start, hostStart, copies);
                invariants.faultedPage(p, stval);
                machine.event(hart.id(), Event.Kind.FAULT, Event.Phase.END, stval,
                        r.toString().toLowerCase(Locale.ROOT));
                if (r == VmFault.Result.SEGV) {
                    int code = p.vmMap().lookup(stval) == null ? Sig.SEGV_MAPERR : Sig.SEGV_ACCERR;
                    faultSignal(hart, t, Sig.SIGSEGV, code, stval, "segmentation fault", stval);
                } else if (r == VmFault.Result.NO_MEMORY) {
                    // The process whose fault found RAM exhausted is the victim, as Linux's OOM killer would
                    // choose it here: SIGKILL, and every page it held goes back for the others.
                    kill(hart, t, Sig.SIGKILL, "out of memory", stval);
                }
            }
            case Cause.ILLEGAL_INSTRUCTION -> faultSignal(hart, t, Sig.SIGILL, Sig.ILL_ILLOPC, hart.csrs().sepc(),
                    "illegal instruction", stval);
            case Cause.BREAKPOINT -> faultSignal(hart, t, Sig.SIGTRAP, Sig.TRAP_BRKPT, hart.csrs().sepc(),
                    "breakpoint trap", stval);
            default -> faultSignal(hart, t, Sig.SIGBUS, Sig.BUS_ADRALN, stval, Cause.describe(cause, false), stval);
        }
    }

    /**
     * A fault raises {@code signal} with si_code {@code code} and si_addr {@code addr}: its handler runs when
     * the process has one installed and unblocked; else the process dies of it, as before there were handlers.
     */
    private void faultSignal(Hart hart, KThread t, int signal, int code, long addr, String why, long stval) {
        if (!signals.trapSignal(t, signal, code, addr)) {
            kill(hart, t, signal, why, stval);
        }
    }

    /** Ends the process of {@code t} as if by signal {@code signal}, telling the user why. */
    private void kill(Hart hart, KThread t, int signal, String why, long stval) {
        Proc p = t.proc();
        kernel.log("pid %d (%s): %s at 0x%x, pc 0x%x: killed"
                .formatted(p.pid(), p.name(), why, stval, hart.csrs().sepc()));
        kernel.exitProcess(hart, p, signal); // a Linux wait status: killed by a signal
    }
}
