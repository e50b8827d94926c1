package org.hartlab.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.hartlab.core.Machine;
import org.hartlab.core.RunResult;
import org.hartlab.core.bus.Ram;
import org.hartlab.core.elf.ElfImage;
import org.hartlab.core.hart.Cause;
import org.hartlab.core.hart.Csr;
import org.hartlab.core.hart.Hart;
import org.hartlab.core.hart.Supervisor;
import org.hartlab.core.trace.Event;
import org.hartlab.kernel.exec.ElfExec;
import org.hartlab.kernel.exec.ExecException;
import org.hartlab.kernel.file.ConsoleOutput;
import org.hartlab.kernel.file.FdTable;
import org.hartlab.kernel.file.HostFed;
import org.hartlab.kernel.file.HostInput;
import org.hartlab.kernel.file.HostInputs;
import org.hartlab.kernel.proc.KThread;
import org.hartlab.kernel.proc.Proc;
import org.hartlab.kernel.proc.Processes;
import org.hartlab.kernel.proc.Scheduler;
import org.hartlab.kernel.proc.SpinLock;
import org.hartlab.kernel.signal.Sig;
import org.hartlab.kernel.signal.SigInfo;
import org.hartlab.kernel.signal.Signals;
import org.hartlab.kernel.syscall.Syscalls;
import org.hartlab.kernel.vm.OutOfMemoryException;
import org.hartlab.kernel.vm.PhysicalPages;
import org.hartlab.kernel.vm.Sv39Pmap;
import org.hartlab.kernel.vm.UserMemory;
import org.hartlab.kernel.vm.CowStrategy;
import org.hartlab.kernel.vm.VmFault;
import org.hartlab.kernel.vm.VmInvariants;
import org.hartlab.kernel.vm.VmMap;
import org.hartlab.kernel.vm.VmSystem;

/**
 * The hosted kernel: the {@link Supervisor} of every hart. Each trap from U-mode (and each IPI to an idle hart)
 * runs {@link #trap} on that hart's thread, under one kernel lock, acting as that hart in S-mode; it then
 * returns to whatever the scheduler chose with an {@code sret}.
 *
 * <p>Physical memory: the first MiB of RAM is the kernel's (its idle loop lives there); the rest is pages for
 * processes and page tables. When the last process exits, the machine powers off with the exit status of the
 * first one.
 */
public final class Kernel implements Supervisor {
    /** The idle loop: {@code wfi; j .-4}, run in S-mode with translation off. */
    public static final long IDLE_PC = Ram.BASE;
    private static final int WFI = 0x1050_0073;
    private static final int JUMP_BACK_4 = 0xFFDF_F06F;
    private static final long RESERVED = 1 << 20;
    /** How often {@code --check-invariants} checks during a run: cheap next to this many instructions. */
    public static final long INVARIANT_CHECK_INTERVAL = 10_000_000;
    /** How often, in guest time, the kernel looks at the host input while a thread waits for it (1 ms). */
    private static final long INPUT_POLL_TICKS = org.hartlab.core.aclint.Mtimer.TICKS_PER_SECOND / 1000;
    /** How long an idle hart waits in host time for host input before the guest's clock goes on. */
    private static final long INPUT_WAIT_MILLIS = 2;
    private static final long SSTATUS_SIE = 1L << 1;
    private static final long SIE_SSIE = 1L << Cause.SSI;
    private static final long SIE_STIE = 1L << Cause.STI;
    private static final long MENVCFG_STCE = 1L << 63;
    /** Exceptions from U-mode the kernel handles: misaligned, faults, illegal, breakpoint, ecall, page faults. */
    private static final long DELEGATED_EXCEPTIONS = (1L << 0) | (1L << 1) | (1L << 2) | (1L << 3) | (1L << 4)
            | (1L << 5) | (1L << 6) | (1L << 7) | (1L << Cause.ECALL_FROM_U) | (1L << Cause.INSTRUCTION_PAGE_FAULT)
            | (1L << Cause.LOAD_PAGE_FAULT) | (1L << Cause.STORE_PAGE_FAULT);
    private static final long DELEGATED_INTERRUPTS = (1L << Cause.SSI) | (1L << Cause.STI) | (1L << Cause.SEI);

    private final Machine machine;
    private final PhysicalPages pages;
    private final SpinLock lock;
    private final Scheduler scheduler;
    private final Processes processes;
    private final VmSystem vm;
    private final KernelCosts costs;
    private final Signals signals;
    private final Syscalls syscalls;
    private final ViolationStop violationStop;
    private final SplittableRandom random;
    private final OutputStream console;
    /** Numbers fstat reports as st_ino: one per pipe and standard stream. */
    private final java.util.concurrent.atomic.AtomicLong inodes = new java.util.concurrent.atomic.AtomicLong();
    /**
     * What every spawned process gets as fds 0, 1 and 2: the host input set by {@link #setStdin} (none: end of
     * file at once) unless spawned with another, the console, and the console again unless {@link #setStderr}
     * separated it. Set before spawning, from outside the machine (the shell, the run command): hence volatile,
     * here and inside {@link HostInputs}.
     */
    private final HostInputs inputs;
    private volatile ConsoleOutput stdout;
    private volatile ConsoleOutput stderr;
    /**
     * Programs execve finds by path (besides /proc/self/exe), the bundled ones once loaded: concurrent, since
     * spawn adds to it from outside the machine while execve reads it under the kernel lock.
     */
    private final Map<String, ElfImage> executables = new java.util.concurrent.ConcurrentHashMap<>();
    /** What the host does to processes from outside the machine: kills and process-group signals. */
    private final HostSignals host;
    private volatile boolean powerOffWhenIdle = true;
    private final InvariantWatch invariants;

    private Kernel(Machine machine, CowStrategy strategy, KernelCosts costs) {
        this.machine = machine;
        this.costs = costs;
        Ram ram = machine.bus().ram();
        if (ram.size() < 2 * RESERVED) {
            throw new IllegalArgumentException("kernel: needs at least 2 MiB of RAM");
        }
        this.pages = new PhysicalPages(machine.bus(), Ram.BASE + RESERVED, Ram.BASE + ram.size());
        this.lock = new SpinLock("kernel", machine, costs.spin());
        this.scheduler = new Scheduler(machine, IDLE_PC);
        this.processes = new Processes();
        this.invariants = new InvariantWatch(machine, pages, processes);
        this.vm = new VmSystem(machine, pages, strategy, lock, costs);
        this.random = new SplittableRandom(machine.config().seed());
        this.console = machine.console();
        this.signals = new Signals(this);
        this.host = new HostSignals(machine, processes, scheduler, signals, this::teardown);
        this.inputs = new HostInputs(new HostInput(null, true, newInode()));
        this.stdout = new ConsoleOutput(console, newInode());
        this.stderr = stdout;
        this.syscalls = new Syscalls(this);
        this.violationStop = new ViolationStop(machine);
    }

    /**
     * Installs the kernel on every hart of a freshly built machine, resolving copy-on-write faults with
     * {@code strategy}; every hart starts in the idle loop.
     */
    public static Kernel boot(Machine machine, CowStrategy strategy) {
        return boot(machine, strategy, KernelCosts.REALISTIC);
    }

    /** As {@link #boot(Machine, CowStrategy)}, with kernel work taking the guest time {@code costs} say. */
    public static Kernel boot(Machine machine, CowStrategy strategy, KernelCosts costs) {
        Kernel kernel = new Kernel(machine, strategy, costs);
        machine.bus().store64(IDLE_PC, (WFI & 0xFFFF_FFFFL) | ((long) JUMP_BACK_4 << 32)); // wfi; j .-4
        for (Hart h : machine.harts()) {
            h.csrs().write(Csr.MEDELEG, DELEGATED_EXCEPTIONS);
            h.csrs().write(Csr.MIDELEG, DELEGATED_INTERRUPTS);
            h.csrs().write(Csr.MIE, SIE_SSIE | SIE_STIE);
            h.csrs().write(Csr.MENVCFG, MENVCFG_STCE); // Sstc: the kernel's time slices use stimecmp
            h.csrs().write(Csr.SSTATUS, SSTATUS_SIE);
            h.setSupervisor(kernel);
            h.enterSupervisor(IDLE_PC);
        }
        return kernel;
    }

    public Machine machine() {
        return machine;
    }

    /** The guest time this kernel's work takes. */
    public KernelCosts costs() {
        return costs;
    }

    /**
     * Whether the machine powers off when the last process exits (the {@code run} command) or stays up with
     * every hart idle (the shell; the engine then reports that nothing can run).
     */
    public void setPowerOffWhenIdle(boolean powerOff) {
        this.powerOffWhenIdle = powerOff;
    }

    public PhysicalPages physicalPages() {
        return pages;
    }

    /** Stops the machine where a program reports a violation (the shell's run --stop-on-violation). */
    public ViolationStop violationStop() {
        return violationStop;
    }

    public Processes processes() {
        return processes;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** Sending signals from kernel code (SIGPIPE, SIGCHLD) and their delivery. */
    public Signals signals() {
        return signals;
    }

    public VmSystem vm() {
        return vm;
    }

    /** A fresh st_ino for a new pipe or stream. */
    public long newInode() {
        return inodes.incrementAndGet();
    }

    /**
     * Standard input of the processes spawned from now on: the bytes of {@code in} (null: none), read as
     * {@link HostInput} says; {@code neverBlocks} when reading {@code in} cannot wait for the host (a file).
     */
    public void setStdin(InputStream in, boolean neverBlocks) {
        inputs.setStdin(new HostInput(in, neverBlocks, newInode()));
    }

    /** Standard error of the processes spawned from now on goes to {@code err} rather than to the console. */
    public void setStderr(OutputStream err) {
        stderr = new ConsoleOutput(err, newInode());
    }

    /**
     * The program execve(path) runs for {@code p}, or null (ENOENT): {@code /proc/self/exe} is {@code p}'s own;
     * a program spawned on this kernel is known by the path it was loaded from, that path made absolute, its
     * file name and {@code /bin/NAME}; a bundled program by its name and {@code /bin/NAME}.
     */
    public ElfImage executable(Proc p, String path) {
        if (path.equals("/proc/self/exe")) {
            return p.image();
        }
        ElfImage known = executables.get(path);
        if (known != null) {
            return known;
        }
        String name = path.startsWith("/bin/") ? path.substring("/bin/".length()) : path;
        if (!Programs.BUNDLED.contains(name)) {
            return null;
        }
        try {
            ElfImage image = Programs.load(name);
            executables.put(name, image);
            return image;
        } catch (org.hartlab.core.elf.ElfLoadException e) {
            return null;
        }
    }

    /** Makes {@code image} (spawned from outside) known to execve by its path, file name and /bin/ name. */
    private void register(ElfImage image) {
        String path = image.name();
        String file = path.substring(path.lastIndexOf('/') + 1);
        executables.put(path, image);
        executables.put(file, image);
        executables.put("/bin/" + file, image);
        try {
            executables.put(java.nio.file.Path.of(path).toAbsolutePath().normalize().toString(), image);
        } catch (java.nio.file.InvalidPathException e) {
            // a name that is no host path is known by its name alone
        }
    }

    /** The boot's seeded generator (AT_RANDOM, getrandom). */
    public SplittableRandom random() {
        return random;
    }

    /**
     * Creates a process running {@code image} with {@code argv} and {@code envp} and queues its first thread.
     * Called from outside any hart (the shell or the run command), before or between runs.
     */
    public Proc spawn(ElfImage image, List<String> argv, List<String> envp) throws ExecException {
        return spawn(image, argv, envp, inputs.stdin());
    }

    /**
     * As {@link #spawn(ElfImage, List, List)}, the process reading {@code in} as fd 0 (the shell's foreground job
     * its terminal): the kernel wakes its readers when the host feeds it, until it hangs up.
     */
    public Proc spawn(ElfImage image, List<String> argv, List<String> envp, HostFed in) throws ExecException {
        inputs.add(in);
        machine.completeKernelWork(); // a debugger's stop may have left a hart half way through a syscall
        Hart boot = machine.hart(0);
        int pid = processes.nextPid();
        if (pid < 0) {
            throw new ExecException(image.name() + ": too many processes");
        }
        VmMap map;
        try {
            map = new VmMap(new Sv39Pmap(machine.bus(), vm, pid), vm);
        } catch (OutOfMemoryException e) {
            throw new ExecException(image.name() + ": out of memory");
        }
        ElfExec.Start start;
        try {
            start = ElfExec.load(image, map, new UserMemory(map, machine.bus(), boot), argv, envp, random);
        } catch (ExecException e) {
            map.destroy(boot); // what was loaded so far goes back
            throw e;
        }
        Proc proc = processes.create(pid, shortName(image.name()), map, start);
        proc.setImage(image, proc.name());
        proc.setFiles(FdTable.standard(in, stdout, stderr));
        register(image);
        scheduler.makeRunnable(proc.threads().getFirst(), null);
        return proc;
    }

    /** A process's name for a program loaded from {@code name}: the file name, without ".elf". */
    public static String shortName(String name) {
        int slash = name.lastIndexOf('/');
        return (slash < 0 ? name : name.substring(slash + 1)).replaceFirst("\\.elf$", "");
    }

    @Override
    public void trap(Hart hart, long scause, long stval) {
        VmSystem.enter(hart);
        machine.spend(hart, costs.trap());
        int cause = (int) (scause & 0xFF);
        if (scause < 0 && cause == Cause.SSI) {
            // Acknowledge and carry out shootdowns first, without the kernel lock: the initiator may hold it.
            hart.csrs().write(Csr.SIP, 0);
            if (vm.shootdown().queued(hart) > 0) {
                machine.spend(hart, costs.ipiTake());
            }
            vm.shootdown().service(hart);
        }
        lock.lock(hart, () -> vm.shootdown().poll(hart));
        try {
            KThread before = scheduler.current(hart);
            wakeTimedSleepers(hart);
            inputs.wakeReaders(scheduler, hart);
            if (scause < 0 && cause == Cause.STI) {
                if (scheduler.othersWaiting() && scheduler.sliceUsed(hart)) {
                    scheduler.requeue(hart); // time slice over and someone is waiting: preempt
                }
            } else if (scause >= 0) {
                KThread t = scheduler.current(hart);
                if (t == null) {
                    panic(hart, "%s in the idle loop (stval 0x%x)".formatted(Cause.describe(cause, false), stval));
                    return;
                }
                if (t.state() == KThread.State.RUNNING) {
                    exception(hart, t, cause, stval);
                }
            }
            KThread t = scheduler.current(hart);
            if (t != null && t.state() == KThread.State.EXITED) {
                retire(hart, t); // its process was ended by another thread while it ran here
            }
            host.atTrap(hart);
            switchIn(hart);
            while (signals.deliver(hart, scheduler.current(hart))) {
                switchIn(hart); // a signal ended the process it was returning to
            }
            KThread after = scheduler.current(hart);
            if (after != null && after != before) {
                machine.event(hart.id(), Event.Kind.SWITCH, Event.Phase.INSTANT, -1, "pid %d tid %d (%s)"
                        .formatted(after.proc().pid(), after.tid(), after.proc().name()));
            }
            scheduler.armTimer(hart, earliestWake(inputs.anyAwaited()));
            invariants.atTrap();
            if (powerOffWhenIdle && processes.allExited()) {
                flushConsole();
                machine.powerOff(processes.firstExitStatus());
            }
        } finally {
            lock.unlock(hart);
        }
        if (scheduler.current(hart) == null) {
            inputs.idleWait(INPUT_WAIT_MILLIS); // idle and a guest waits for the host: let the host catch up
        }
        hart.supervisorReturn();
    }

    private void exception(Hart hart, KThread t, int cause, long stval) {
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
        log("pid %d (%s): %s at 0x%x, pc 0x%x: killed".formatted(p.pid(), p.name(), why, stval, hart.csrs().sepc()));
        exitProcess(hart, p, signal); // a Linux wait status: killed by a signal
    }

    /**
     * Ends process {@code p} with Linux wait status {@code status} ({@code code << 8} for an exit, the signal
     * number for a kill); runs on the hart of its calling thread.
     */
    public void exitProcess(Hart hart, Proc p, int status) {
        if (p.exited()) {
            return;
        }
        processes.exit(p, status);
        p.files().closeAll(scheduler, hart); // pipe ends close: readers see the end, writers EPIPE
        for (KThread other : p.threads()) {
            Hart h = other.hart();
            if (h != null && h != hart) {
                // It runs elsewhere: an IPI brings it into the kernel, which retires it.
                machine.bus().storeMmio(org.hartlab.core.aclint.Sswi.BASE + 4L * h.id(), 4, 1, hart.id());
            }
        }
        for (Proc child : p.children()) {
            child.setParentGone();
        }
        if (p.parent() != null) {
            scheduler.wakeup(p.parent(), Integer.MAX_VALUE, processes.allThreads(), hart);
        }
        KThread self = scheduler.current(hart);
        if (self != null && self.proc() == p) {
            retire(hart, self);
        }
        if (p.offAllHarts() && !p.vmDestroyed()) {
            teardown(hart, p); // killed by a signal from another process while none of its threads ran
        }
    }

    /**
     * Kills, as {@link #kill} does, every live process of process group {@code group} (a job started by
     * {@link #spawn} and every process forked from it since, orphans included): what a terminal's second Ctrl-C
     * does here. Returns how many it killed; call only while the machine is not running.
     */
    public int killProcessGroup(int group) {
        return host.killProcessGroup(group);
    }

    /**
     * Kills process {@code pid} with SIGKILL from outside the machine (the shell); call only while the machine
     * is not running. Its threads leave their harts at their next trap (an IPI brings them in).
     *
     * @return false if there is no such live process
     */
    public boolean kill(int pid) {
        return host.kill(pid);
    }

    /**
     * Sends {@code signal} to every live process of process group {@code group} from the host, as a terminal's
     * Ctrl-C sends SIGINT to its foreground job: a hart delivers it at its next trap, where each process takes it as
     * a kill(2). Returns how many live processes the group has; call while the machine is not running.
     */
    public int signalProcessGroup(int group, int signal) {
        return host.signalProcessGroup(group, signal);
    }

    /**
     * Frees the address space of exited process {@code p}, taking the guest time a teardown takes; then it can
     * be reaped: its parent's wait4 wakes and SIGCHLD is sent.
     */
    private void teardown(Hart hart, Proc p) {
        p.markVmDestroyed();
        machine.spend(hart, costs.exitOf(p.vmMap().residentPages()));
        p.vmMap().destroy(hart);
        if (p.parent() != null) {
            scheduler.wakeup(p.parent(), Integer.MAX_VALUE, processes.allThreads(), hart);
            signals.childExited(hart, p);
        }
    }

    /**
     * Chooses what {@code hart} returns to; a thread switched in from the run queue costs a context switch, even
     * the one that just went to sleep there (a signal ended its sleep as it began), and before its signals are
     * delivered: what an interrupted call measures then (nanosleep's time left) has that time in it.
     */
    private void switchIn(Hart hart) {
        if (scheduler.dispatch(hart)) {
            machine.spend(hart, costs.contextSwitch());
        }
    }

    /** Makes runnable every thread whose nanosleep is over; sends SIGALRM for every ITIMER_REAL that expired. */
    private void wakeTimedSleepers(Hart hart) {
        long now = machine.clock().now();
        // No copy of the table on this path of every trap: a signal, even one that ends its process, adds or
        // removes no process (only wait4 reaps).
        for (Proc p : processes.all().values()) {
            if (!p.exited() && p.realTimer().expire(now)) {
                signals.sendToProcess(hart, p, new SigInfo(Sig.SIGALRM, Sig.SI_KERNEL, 0, 0));
            }
        }
        for (KThread t : processes.allThreads()) {
            if (t.state() == KThread.State.SLEEPING && t.channel() instanceof Scheduler.TimedWait w
                    && Long.compareUnsigned(w.wakeAt(), now) <= 0) {
                scheduler.wakeup(w, 1, List.of(t), hart);
            }
        }
    }

    /**
     * The earliest nanosleep wake-up of any thread or ITIMER_REAL expiry of any process, or -1 (never); while a
     * thread waits for host input ({@code inputAwaited}), at most {@link #INPUT_POLL_TICKS} from now, so that the
     * kernel looks at the host input again.
     */
    private long earliestWake(boolean inputAwaited) {
        long earliest = inputAwaited ? machine.clock().now() + INPUT_POLL_TICKS : -1;
        for (Proc p : processes.all().values()) {
            long alarm = p.realTimer().expiresAt();
            if (!p.exited() && Long.compareUnsigned(alarm, earliest) < 0) {
                earliest = alarm;
            }
        }
        for (KThread t : processes.allThreads()) {
            if (t.state() == KThread.State.SLEEPING && t.channel() instanceof Scheduler.TimedWait w
                    && Long.compareUnsigned(w.wakeAt(), earliest) < 0) {
                earliest = w.wakeAt();
            }
        }
        return earliest;
    }

    /** Ends {@code t}'s time on {@code hart}; the last thread of a dead process to leave frees its memory. */
    public void retire(Hart hart, KThread t) {
        Proc p = t.proc();
        hart.csrs().write(Csr.SATP, 0);
        scheduler.retire(hart);
        if (p.exited() && p.offAllHarts() && !p.vmDestroyed()) {
            teardown(hart, p);
        }
    }

    /**
     * Checks the VM invariants ({@link VmInvariants}) over every live address space and every hart's TLB; one
     * line per violation. Call with the machine stopped ({@code QUIESCENT} once every process has exited).
     */
    public List<String> checkInvariants(VmInvariants.Strength strength) {
        return invariants.check(strength);
    }

    /**
     * Also checks the invariants that hold at every trap ({@code ALWAYS}) once per {@code instructions}
     * instructions. Under the deterministic engine at the end of a trap, with the kernel lock held: the other harts
     * are parked, so their TLBs hold still while the checker reads them. Under the parallel engine no hart holds
     * still, so {@link #run} stops the machine that often instead (every hart between slices, none in the kernel,
     * none waiting for a shootdown), checks, and runs on.
     */
    public void checkInvariantsEvery(long instructions) {
        invariants.every(instructions);
    }

    /** How many periodic invariant checks have run so far. */
    public long invariantChecksRun() {
        return invariants.checksRun();
    }

    /**
     * Runs the machine for up to {@code maxInstructions}, as {@link Machine#run} does, stopping under the parallel
     * engine for each periodic check {@link #checkInvariantsEvery} asked for. The result counts every instruction
     * of the run.
     */
    public RunResult run(long maxInstructions) {
        return invariants.run(maxInstructions);
    }

    /**
     * The invariant check after a run that ended with {@code outcome}: what a periodic check found, then the
     * check of the stopped machine. All invariants hold when the run ended with the guest's exit or a deadlock;
     * after a limit or a stop some hart may be half way through a fault, so only those that hold at every trap.
     */
    public List<String> invariantsAfterRun(RunResult.Outcome outcome) {
        return invariants.afterRun(outcome);
    }

    void log(String message) {
        write(("[hartlab] " + message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The console: stdout and stderr of every process. */
    public void write(byte[] bytes) {
        try {
            console.write(bytes);
        } catch (IOException e) {
            // The terminal went away; a kernel does not die of that.
        }
    }

    private void flushConsole() {
        try {
            console.flush();
            stderr.flush();
        } catch (IOException e) {
            // as above
        }
    }

    private void panic(Hart hart, String why) {
        log("panic on hart %d: %s".formatted(hart.id(), why));
        flushConsole();
        machine.powerOff(255);
    }

    /** What hart {@code id} runs, for debuggers and the shell: "pid 3 tid 5 (cow-race)" or "idle". */
    public String describeHart(int id) {
        KThread t = scheduler.current(machine.hart(id));
        return t == null ? "idle" : "pid %d tid %d (%s)".formatted(t.proc().pid(), t.tid(), t.proc().name());
    }

    /** A snapshot of this boot's counters. */
    public KernelStats statistics() {
        long[] c = vm.counters();
        long tlbSpurious = 0;
        for (Hart h : machine.harts()) {
            tlbSpurious += h.mmu().statistics().spuriousFaults();
        }
        return new KernelStats(c[0], c[1], c[2], c[3], c[4], c[5], c[6], machine.ipis().posted(), tlbSpurious,
                InvariantWatch.instructions(machine), c[7], syscalls.unknown(), syscalls.marks());
    }

    /**
     * Host nanoseconds spent in faults that made a COW copy, shootdown waits included: what a COW fault costs the
     * emulator. Kept out of {@link #statistics}, whose counters a seed reproduces exactly; this varies run to run.
     */
    public long cowHostNanos() {
        return vm.cowHostNanos();
    }

    public Map<Integer, Proc> processTable() {
        return new TreeMap<>(processes.all());
    }
}
