package org.hartlab.kernel.proc;

import java.util.Map;
import java.util.TreeMap;
import org.hartlab.kernel.exec.ElfExec;
import org.hartlab.kernel.vm.VmMap;

/** The process table: pid and tid allocation, creation and exit. Runs under the kernel lock. */
public final class Processes {
    private final Scheduler scheduler;
    private final Map<Integer, Proc> table = new TreeMap<>();
    private int nextPid = 1;
    private int nextTid = 1;
    private Proc first;

    public Processes(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** pids double as ASIDs, so they stay below 2^16. */
    public int nextPid() {
        if (nextPid >= 1 << 16) {
            throw new IllegalStateException("kernel: out of process ids");
        }
        return nextPid++;
    }

    public Proc create(int pid, String name, VmMap map, ElfExec.Start start) {
        Proc p = new Proc(pid, name, map);
        p.setHeap(null, start.brk(), start.brk());
        KThread t = new KThread(nextTid++, p, start.pc(), start.sp());
        p.threads().add(t);
        table.put(pid, p);
        if (first == null) {
            first = p;
        }
        return p;
    }

    public void exit(Proc p, int status) {
        p.setExitStatus(status);
        for (KThread t : p.threads()) {
            t.setState(KThread.State.EXITED);
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

    Scheduler scheduler() {
        return scheduler;
    }
}
