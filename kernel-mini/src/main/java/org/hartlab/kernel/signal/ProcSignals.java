package org.hartlab.kernel.signal;

import java.util.Arrays;

/**
 * A process's signal state: one action per signal, shared by its threads, and the signals sent to the process
 * as a whole (kill), which any thread not blocking them may take. Guarded by the kernel lock.
 */
public final class ProcSignals {
    private final SigAction[] actions = new SigAction[Sig.MAX + 1];
    private final SigQueue shared = new SigQueue();

    public ProcSignals() {
        Arrays.fill(actions, SigAction.DEFAULT);
    }

    public SigAction action(int signal) {
        return actions[signal];
    }

    void setAction(int signal, SigAction action) {
        actions[signal] = action;
    }

    public SigQueue shared() {
        return shared;
    }

    /** fork: the child starts with the parent's actions and nothing pending. */
    public void copyActionsFrom(ProcSignals parent) {
        System.arraycopy(parent.actions, 0, actions, 0, actions.length);
    }

    /** execve: caught signals go back to their default action; ignored ones stay ignored (signal(7)). */
    public void exec() {
        for (int s = 1; s <= Sig.MAX; s++) {
            if (actions[s].catches()) {
                actions[s] = SigAction.DEFAULT;
            }
        }
    }
}
