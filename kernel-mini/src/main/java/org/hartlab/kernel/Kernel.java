package org.hartlab.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.hartlab.kernel.signal.Signals;
import org.hartlab.kernel.syscall.Syscalls;
import org.hartlab.kernel.vm.OutOfMemoryException;
import org.hartlab.kernel.vm.PhysicalPages;
import org.hartlab.kernel.vm.Sv39Pmap;
import org.hartlab.kernel.vm.UserMemory;
import org.hartlab.kernel.vm.CowStrategy;
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
    private final Executables executables = new Executables();
    /** What the host does to processes from outside the machine: kills and process-group signals. */
    private final HostSignals host;
    private volatile boolean powerOffWhenIdle = true;
    private final InvariantWatch invariants;
    private final ProcessExits exits;
    private final TimedWakeups wakeups;
    private final UserExceptions exceptions;

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
        this.exits = new ProcessExits(machine, processes, scheduler, signals, costs);
        this.wakeups = new TimedWakeups(machine, processes, scheduler, signals);
        this.host = new HostSignals(machine, processes, scheduler, signals, exits::teardown);
        this.inputs = new HostInputs(new HostInput(null, true, newInode()));
        this.stdout = new ConsoleOutput(console, newInode());
        this.stderr = stdout;
        this.syscalls = new Syscalls(this);
        this.exceptions = new UserExceptions(this, vm, syscalls, signals, invariants);
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
        return executables.find(p, path);
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
        executables.register(image);
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
            wakeups.wake(hart);
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
                    exceptions.handle(hart, t, cause, stval);
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
            scheduler.armTimer(hart, wakeups.earliest(inputs.anyAwaited()));
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

    /**
     * Ends process {@code p} with Linux wait status {@code status} ({@code code << 8} for an exit, the signal
     * number for a kill); runs on the hart of its calling thread.
     */
    public void exitProcess(Hart hart, Proc p, int status) {
        exits.exit(hart, p, status);
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
     * Chooses what {@code hart} returns to; a thread switched in from the run queue costs a context switch, even
     * the one that just went to sleep there (a signal ended its sleep as it began), and before its signals are
     * delivered: what an interrupted call measures then (nanosleep's time left) has that time in it.
     */
    private void switchIn(Hart hart) {
        if (scheduler.dispatch(hart)) {
            machine.spend(hart, costs.contextSwitch());
        }
    }

    /** Ends {@code t}'s time on {@code hart}; the last thread of a dead process to leave frees its memory. */
    public void retire(Hart hart, KThread t) {
        exits.retire(hart, t);
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
