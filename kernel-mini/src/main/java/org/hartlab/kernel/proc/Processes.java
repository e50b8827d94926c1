package org.hartlab.kernel.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hartlab.core.hart.Hart;
import org.hartlab.kernel.exec.ElfExec;
import org.hartlab.kernel.vm.VmMap;

/**
 * The process table: pid and tid allocation, creation, fork, thread creation, exit and reaping. Kernel lock.
 *
 * <p>Limits, like Linux's RLIMIT_NPROC and threads-max, keep a hostile process from eating the kernel: a fork
 * or clone beyond them fails with EAGAIN instead of growing the table without bound.
 */
public final class Processes {
    /** pids double as ASIDs, so they stay below 2^16. */
    public static final int MAX_PID = (1 << 16) - 1;
    /** Processes in the table at once, zombies included (they hold a pid until reaped). */
    public static final int MAX_PROCESSES = 256;
    /** Threads not yet exited, over all processes. */
    public static final int MAX_THREADS = 1024;

    private final Map<Integer, Proc> table = new TreeMap<>();
    private int nextPid = 1;
    private int nextTid = 1;
    private Proc first;

    /**
     * The next free pid, or -1 when all are in use or the table is full ({@link #MAX_PROCESSES}). Pids wrap around like Linux's; reusing one is safe for its
     * role as ASID because a process's ASID is shot down on every hart when its address space is destroyed,
     * before the process can be reaped.
     */
    public int nextPid() {
        if (table.size() >= MAX_PROCESSES) {
            return -1;
        }
        for (int tries = 0; tries < MAX_PID; tries++) {
            if (nextPid > MAX_PID) {
                nextPid = 2; // pid 1 is the first process, never reused while the kernel runs
            }
            int pid = nextPid++;
            if (!table.containsKey(pid) && !groupInUse(pid)) {
                return pid;
            }
        }
        return -1;
    }

    /** As Linux: a pid is not reused while it names the process group of a process still in the table. */
    private boolean groupInUse(int pid) {
        return table.values().stream().anyMatch(p -> p.processGroup() == pid);
    }

    public Proc create(int pid, String name, VmMap map, ElfExec.Start start) {
        Proc p = new Proc(pid, pid, name, map); // the leader of a process group of its own, as a shell's job
        p.setHeap(null, start.brk(), start.brk());
        p.threads().add(new KThread(nextTid++, p, start.pc(), start.sp()));
        table.put(pid, p);
        if (first == null) {
            first = p;
        }
        return p;
    }

    /** fork: a child of {@code parent} over {@code map}, whose one thread resumes like the caller on {@code hart}. */
    public Proc fork(int pid, Proc parent, VmMap map, Hart hart) {
        Proc child = new Proc(pid, parent.processGroup(), parent.name(), map);
        child.setHeap(parent.heap() == null ? null : map.lookup(parent.heap().start()), parent.heapStart(),
                parent.brk());
        child.setParent(parent);
        child.setFiles(parent.files().copy());
        child.setImage(parent.image(), parent.name());
        parent.children().add(child);
        child.threads().add(new KThread(nextTid++, child, hart, hart.csrs().sepc()));
        table.put(pid, child);
        return child;
    }

    /**
     * A new thread of {@code p} resuming like the caller on {@code hart}, with its own stack and tp; null when
     * {@link #MAX_THREADS} threads are alive already.
     */
    public KThread newThread(Proc p, Hart hart, long stack, long tls, boolean setTls) {
        if (liveThreads() >= MAX_THREADS) {
            return null;
        }
        KThread t = new KThread(nextTid++, p, hart, hart.csrs().sepc());
        if (stack != 0) {
            t.setRegister(2, stack);
        }
        if (setTls) {
            t.setRegister(4, tls);
        }
        p.threads().add(t);
        return t;
    }

    /**
     * Forgets thread {@code t}, which exited while others of its process go on: a process that starts thousands
     * of threads over its life keeps only the live ones. The last thread stays, to be reaped with the process.
     */
    public void removeThread(KThread t) {
        t.proc().threads().remove(t);
    }

    private int liveThreads() {
        int live = 0;
        for (Proc p : table.values()) {
            if (!p.exited()) {
                live += p.threads().size();
            }
        }
        return live;
    }

    /** Marks every thread of {@code p} exited and records its wait status. */
    public void exit(Proc p, int status) {
        p.setExitStatus(status);
        for (KThread t : p.threads()) {
            t.setState(KThread.State.EXITED);
        }
    }

    /** Removes an exited child from the table (wait4 collected it). */
    public void reap(Proc child) {
        table.remove(child.pid());
        if (child.parent() != null) {
            child.parent().children().remove(child);
        }
    }

    public boolean allExited() {
        return !table.isEmpty() && table.values().stream().allMatch(Proc::exited);
    }

    public int firstExitStatus() {
        return first == null ? 0 : first.exitStatus();
    }

    public Map<Integer, Proc> all() {
        return table;
    }

    /** Every thread of every process, for wakeups. */
    public List<KThread> allThreads() {
        List<KThread> all = new ArrayList<>();
        table.values().forEach(p -> all.addAll(p.threads()));
        return all;
    }
}
