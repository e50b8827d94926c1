package org.hartlab.core.hart;

import org.hartlab.mmu.Sv39Mmu;

/**
 * What is attached to a hart to stop it before an instruction or an access: a debugger's hooks (breakpoints,
 * single steps, watchpoints) and the watch on accesses served by stale TLB entries. While either is in force the
 * hart runs instruction by instruction (see {@link Hart#run}); whether the last run stopped for them is the hart's.
 */
final class DebugUnit {
    private final Hart hart;
    private final LoadStoreUnit lsu;
    private final Sv39Mmu mmu;
    /** The hooks in force; read and written by the hart's own thread only (see installRequested). */
    private DebugHooks hooks;
    private volatile DebugHooks requested;
    private volatile boolean requestPending;
    private StaleAccessWatch staleWatch;

    DebugUnit(Hart hart, LoadStoreUnit lsu, Sv39Mmu mmu) {
        this.hart = hart;
        this.lsu = lsu;
        this.mmu = mmu;
    }

    /** Asks, from any thread, for {@code hooks} (null: none) to be installed at the hart's next slice start. */
    void request(DebugHooks hooks) {
        requested = hooks;
        requestPending = true;
    }

    /** True from a {@link #request} until the hart's own thread installs it. */
    boolean requestPending() {
        return requestPending;
    }

    /**
     * Installs the hooks {@link Hart#setDebugHooks} asked for, on the hart's own thread at the start of a slice:
     * installing them clears the micro-TLBs, which the running hart reads without locks, so no other thread
     * (the shell closing a safe point, the gdb stub) may do it while the hart executes.
     */
    void installRequested() {
        if (requestPending) {
            requestPending = false;
            hooks = requested;
            lsu.setDebugHooks(hooks);
        }
    }

    DebugHooks hooks() {
        return hooks;
    }

    /**
     * True while hooks or a stale-access watch are in force: either may stop the hart, which only its execution
     * instruction by instruction can do (run's block path asks no hook before an instruction, catches no DebugStop).
     */
    boolean inForce() {
        return hooks != null || staleWatch != null;
    }

    /** Sets (null: removes) the watch that {@link Hart#setStaleAccessWatch} describes. */
    void watch(StaleAccessWatch watch) {
        this.staleWatch = watch;
        mmu.setStaleAccessListener(watch == null ? null : (va, type, asid, cachedPa, tablePa) -> {
            if (watch.staleAccess(hart, va, type, asid, cachedPa, tablePa)) {
                throw DebugStop.INSTANCE;
            }
        });
        lsu.setWatched(watch != null);
    }
}
