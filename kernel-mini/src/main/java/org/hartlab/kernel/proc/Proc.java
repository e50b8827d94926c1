package org.hartlab.kernel.proc;

import java.util.ArrayList;
import java.util.List;
import org.hartlab.kernel.signal.ProcSignals;
import org.hartlab.core.elf.ElfImage;
import org.hartlab.kernel.file.FdTable;
import org.hartlab.kernel.vm.VmMap;
import org.hartlab.kernel.vm.VmMapEntry;

/** A process: an address space, its threads, its heap break, and how it ended. */
public final class Proc {
    private final int pid;
    /** Volatile: execve changes it under the kernel lock, the shell reads it from outside. */
    private volatile String name;
    private final VmMap vmMap;
    /** The process group: its own pid for a process spawned from outside, its parent's for a fork (Linux's pgid). */
    private final int processGroup;
    // guarded by the kernel lock
    private final List<KThread> threads = new ArrayList<>();
    private final List<Proc> children = new ArrayList<>();
    private Proc parent;
    private boolean vmDestroyed;
    private VmMapEntry heap;
    private long heapStart;
    private long brk;
    private final ProcSignals signals = new ProcSignals();
    private final RealTimer realTimer = new RealTimer();
    /** Its file descriptors, and the program it runs (what /proc/self/exe names; execve changes both). */
    private FdTable files = new FdTable();
    private ElfImage image;
    /**
     * Set once, under the kernel lock, when the process exits; volatile because the shell and the tests poll it
     * from outside the machine without the lock (it only goes from null to a status).
     */
    private volatile Integer exitStatus;

    Proc(int pid, int processGroup, String name, VmMap vmMap) {
        this.pid = pid;
        this.processGroup = processGroup;
        this.name = name;
        this.vmMap = vmMap;
        vmMap.setMultiThreaded(() -> threads.stream().filter(t -> t.state() != KThread.State.EXITED).count() > 1);
    }

    public int pid() {
        return pid;
    }

    public int processGroup() {
        return processGroup;
    }

    public String name() {
        return name;
    }

    public ProcSignals signals() {
        return signals;
    }

    public RealTimer realTimer() {
        return realTimer;
    }

    public FdTable files() {
        return files;
    }

    public void setFiles(FdTable files) {
        this.files = files;
    }

    public ElfImage image() {
        return image;
    }

    /** execve (or spawn) made the process run {@code newImage}, known by {@code newName}. */
    public void setImage(ElfImage newImage, String newName) {
        this.image = newImage;
        this.name = newName;
    }

    public VmMap vmMap() {
        return vmMap;
    }

    public List<KThread> threads() {
        return threads;
    }

    public List<Proc> children() {
        return children;
    }

    public Proc parent() {
        return parent;
    }

    void setParent(Proc p) {
        parent = p;
    }

    /** The parent exited: nobody will wait for this process. */
    public void setParentGone() {
        parent = null;
    }

    /** True once no thread of this process is on a hart any more. */
    public boolean offAllHarts() {
        return threads.stream().allMatch(t -> t.hart() == null);
    }

    public boolean vmDestroyed() {
        return vmDestroyed;
    }

    public void markVmDestroyed() {
        vmDestroyed = true;
    }

    public long brk() {
        return brk;
    }

    public long heapStart() {
        return heapStart;
    }

    public VmMapEntry heap() {
        return heap;
    }

    public void setHeap(VmMapEntry heap, long start, long brk) {
        this.heap = heap;
        this.heapStart = start;
        this.brk = brk;
    }

    public void setBrk(long brk) {
        this.brk = brk;
    }

    public boolean exited() {
        return exitStatus != null;
    }

    public int exitStatus() {
        Integer status = exitStatus;
        return status == null ? -1 : status;
    }

    void setExitStatus(int status) {
        exitStatus = status;
    }
}
