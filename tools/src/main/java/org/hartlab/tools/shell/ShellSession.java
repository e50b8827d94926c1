package org.hartlab.tools.shell;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.hartlab.core.Machine;
import org.hartlab.core.elf.ElfImage;
import org.hartlab.core.elf.ElfLoadException;
import org.hartlab.core.hart.Hart;
import org.hartlab.core.trace.EventSink;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.Programs;
import org.hartlab.kernel.exec.ExecException;
import org.hartlab.kernel.file.HostFed;
import org.hartlab.kernel.proc.Proc;
import org.jline.terminal.Terminal;

/**
 * The state a shell's commands share: the terminal, and the booted machine with its kernel, its driver and the
 * processes started from the prompt. Commands in other packages (stress, trace, gdb) get one of these from
 * {@link ShellCommands}; everything they need to read or change the kernel is here.
 *
 * <p>All methods run on the shell's thread. The machine runs on the driver's worker thread: read or change kernel
 * state only inside {@link #paused}.
 */
public final class ShellSession implements AutoCloseable {
    private final Terminal terminal;
    private final PrintWriter out;
    private final GuestConsole console;
    private final Foreground foreground;
    // the current boot; replaced by boot()
    private BootSettings settings;
    private Machine machine;
    private Kernel kernel;
    private MachineDriver driver;
    private ShellEvents events;
    private boolean exitRequested;
    /** Processes started from the prompt, by pid, in start order. */
    private final Map<Integer, Job> jobs = new LinkedHashMap<>();

    /**
     * A process started from the prompt. A background one is reported once when it ends; a foreground one is
     * reported by its run command. Forgotten once reported and reaped.
     */
    private static final class Job {
        final Proc proc;
        final String commandLine;
        final boolean background;
        boolean reported;

        Job(Proc proc, String commandLine, boolean background) {
            this.proc = proc;
            this.commandLine = commandLine;
            this.background = background;
            this.reported = !background;
        }

        /** Ended and its memory freed, so it can be reaped (read without stopping the machine: a hint to poll). */
        boolean over() {
            return proc.exited() && proc.vmDestroyed();
        }
    }

    ShellSession(Terminal terminal, GuestConsole console) {
        this.terminal = terminal;
        this.out = terminal.writer();
        this.console = console;
        this.foreground = new Foreground(terminal, console);
    }

    /** Discards the current machine (and its processes) and boots a new one; prints the banner with the seed. */
    void boot(BootSettings newSettings) {
        shutdown();
        settings = newSettings;
        machine = new Machine(newSettings.machineConfig(), console);
        events = new ShellEvents();
        machine.setEventSink(events);
        kernel = Kernel.boot(machine, newSettings.strategy());
        kernel.setPowerOffWhenIdle(false);
        Machine m = machine;
        Kernel k = kernel;
        driver = new MachineDriver(machine, SafePoint.install(machine, kernel), this::notice, () -> {
            String stale = m.takeStaleStop();
            String violation = k.violationStop().take();
            return stale != null ? "before a stale access, " + stale : violation != null ? "at " + violation : null;
        });
        jobs.clear();
        out.println("booted " + newSettings.describe());
        out.flush();
    }

    /** Stops the machine for good (exit, reboot); returns how many processes were still alive. */
    int shutdown() {
        if (driver == null) {
            return 0;
        }
        int alive = paused(() -> (int) kernel.processTable().values().stream().filter(p -> !p.exited()).count());
        driver.close();
        driver = null;
        return alive;
    }

    @Override
    public void close() {
        shutdown();
    }

    /** The exit command: the shell ends after this line. */
    void requestExit() {
        exitRequested = true;
    }

    boolean exitRequested() {
        return exitRequested;
    }

    GuestConsole console() {
        return console;
    }

    // ---- for commands ----

    public PrintWriter out() {
        return out;
    }

    public Terminal terminal() {
        return terminal;
    }

    public Machine machine() {
        return machine;
    }

    public Kernel kernel() {
        return kernel;
    }

    BootSettings settings() {
        return settings;
    }

    /**
     * Runs {@code action} with the machine stopped between instructions and returns its result: the only safe way
     * to read or change kernel state (spawn, kill, the process table, page tables, TLBs).
     */
    public <T> T paused(Supplier<T> action) {
        return driver.paused(action);
    }

    public void paused(Runnable action) {
        driver.paused(action);
    }

    /**
     * Ends the machine's run and lets {@code action} run the machine itself (a debugger); afterwards the shell runs
     * it again. Only for commands that wait in the foreground until they give it back.
     */
    public <T> T lend(Supplier<T> action) {
        return driver.lend(action);
    }

    /** Something may have become runnable (after a spawn or a kill inside {@link #paused}): let the machine run. */
    public void kick() {
        driver.kick();
    }

    /** True if this boot runs the deterministic engine (one hart at a time, repeatable from the seed). */
    public boolean deterministic() {
        return settings.engine() == org.hartlab.core.engine.Engine.Kind.DETERMINISTIC;
    }

    /**
     * True when the machine has nothing to run: every hart idles (all processes exited or blocked). The parallel
     * engine does not end its run when every hart idles (it keeps the harts asleep), so there this stays false.
     */
    public boolean machineQuiet() {
        return driver.quiet();
    }

    /** Why the kernel cannot take commands (it powered off), or null if it can. */
    public String unusable() {
        return driver.poweredOff() ? "the machine is powered off (status " + driver.powerOffCode()
                + "); type boot to start a new one" : null;
    }

    /** Why the machine stands still where a stop the user asked for halted it, or null. */
    public String halted() {
        return driver.halted();
    }

    /** Lets a halted machine run on; false if it was not halted. */
    boolean resume() {
        return driver.resume();
    }

    /** Sends every later event of this boot to {@code sink} too (a trace recorder): the stats counters stay. */
    public void addEventListener(EventSink sink) {
        events.addListener(sink);
    }

    public void removeEventListener(EventSink sink) {
        events.removeListener(sink);
    }

    ShellEvents events() {
        return events;
    }

    /**
     * Waits in the foreground until {@code done} holds: Ctrl-C calls {@code onCtrlC}, the status bar shows
     * {@code what} and the instruction rate of {@code target}. Returns whether Ctrl-C was pressed.
     */
    public boolean awaitForeground(BooleanSupplier done, Runnable onCtrlC, String what, Machine target) {
        return awaitJob(done, onCtrlC, what, target, null);
    }

    /** As above for a job whose reads of its terminal {@code keyboard} feeds (null: none). */
    boolean awaitJob(BooleanSupplier done, Runnable onCtrlC, String what, Machine target, JobKeyboard keyboard) {
        return foreground.await(done, onCtrlC, rate -> StatusBar.text(what, rate), () -> instructions(target),
                keyboard);
    }

    /** As above for {@code wait}: the bar says what is awaited, and that Ctrl-C stops the waiting (not the jobs). */
    boolean awaitJobs(BooleanSupplier done, Runnable onCtrlC, String what, Machine target) {
        return foreground.await(done, onCtrlC, rate -> StatusBar.waitingText(what, rate), () -> instructions(target),
                null);
    }

    /** As {@link #awaitForeground(BooleanSupplier, Runnable, String, Machine)}, the status bar showing {@code status}. */
    public boolean awaitForeground(BooleanSupplier done, Runnable onCtrlC, Supplier<String> status) {
        return foreground.await(done, onCtrlC, status, null);
    }

    /** Instructions retired by every hart of {@code m} so far (read without stopping it: approximate). */
    static long instructions(Machine m) {
        long sum = 0;
        for (Hart h : m.harts()) {
            sum += h.instret();
        }
        return sum;
    }

    /**
     * Creates a process running {@code program} (a bundled name or an ELF path) with {@code args}; it runs after the
     * next {@link #kick}, reading {@code stdin} as fd 0 (null: the kernel's, which is at its end at once). A
     * {@code background} job is reported at a later prompt when it ends.
     */
    Proc start(String program, List<String> args, boolean background, HostFed stdin)
            throws ElfLoadException, ExecException {
        ElfImage image = Programs.load(program);
        List<String> argv = new ArrayList<>();
        argv.add(program);
        argv.addAll(args);
        List<String> envp = List.of("HARTLAB_SEED=" + settings.seed());
        Object started = paused(() -> {
            try {
                return stdin == null ? kernel.spawn(image, argv, envp) : kernel.spawn(image, argv, envp, stdin);
            } catch (ExecException e) {
                return e;
            }
        });
        if (started instanceof ExecException e) {
            throw e;
        }
        Proc proc = (Proc) started;
        jobs.put(proc.pid(), new Job(proc, String.join(" ", argv), background));
        return proc;
    }

    /** The foreground job {@code pid} stays behind a halt: it is reported at a prompt when it ends, as a background one. */
    void leaveInBackground(Proc proc) {
        Job job = jobs.get(proc.pid());
        if (job != null) {
            jobs.put(proc.pid(), new Job(proc, job.commandLine, true));
        }
    }

    /** True if {@code pid} was started from the prompt in the background. */
    boolean isBackgroundJob(int pid) {
        Job job = jobs.get(pid);
        return job != null && job.background;
    }

    /** True while a background job started from the prompt has not ended (read without stopping the machine). */
    boolean backgroundJobsRunning() {
        return jobs.values().stream().anyMatch(j -> j.background && !j.proc.exited());
    }

    /**
     * True while a background job has not ended or has not yet freed its memory (so it cannot be reaped yet); read
     * without stopping the machine.
     */
    boolean backgroundJobsLeft() {
        return jobs.values().stream().anyMatch(j -> j.background && !j.over());
    }

    /**
     * Reaps, as init does, every process that nobody can wait for (it was started from the prompt, or its parent
     * ended) once it has ended and its memory is freed: only then has its pid, which is also its ASID, been shot
     * down on every hart and is free for reuse. A process whose parent is alive stays a zombie until that parent
     * waits for it. Then forgets the jobs that are reported and reaped.
     */
    void reapZombies() {
        paused(() -> {
            List<Proc> orphans = kernel.processTable().values().stream()
                    .filter(p -> p.parent() == null && p.exited() && p.vmDestroyed()).toList();
            orphans.forEach(kernel.processes()::reap);
            jobs.values().removeIf(j -> j.reported && kernel.processTable().get(j.proc.pid()) != j.proc);
        });
    }

    /**
     * Prints a line for each background job that ended since the last prompt (with the machine too, when it
     * powered off: gdb's kill, a guest's power-off), and reaps what can be reaped.
     */
    void reportFinishedJobs() {
        boolean poweredOff = driver != null && driver.poweredOff();
        for (Job job : jobs.values()) {
            if (job.background && !job.reported && (job.proc.exited() || poweredOff)) {
                job.reported = true;
                out.printf("[%d] done: %s (%s)%n", job.proc.pid(), job.commandLine, job.proc.exited()
                        ? waitStatus(job.proc.exitStatus()) : "the machine powered off, status " + driver.powerOffCode());
            }
        }
        out.flush();
        reapZombies();
    }

    /** A Linux wait status in words: "exit 0", "killed by signal 9". */
    static String waitStatus(int status) {
        int signal = status & 0x7F;
        return signal != 0 ? "killed by signal " + signal : "exit " + ((status >>> 8) & 0xFF);
    }

    /** A message from the machine's thread (a power-off): above the prompt, or straight out. */
    private void notice(String message) {
        byte[] line = ("[hartlab] " + message + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        console.write(line, 0, line.length);
    }
}
