package org.hartlab.core.engine;

import org.hartlab.core.Machine;
import org.hartlab.core.RunResult;
import org.hartlab.core.hart.Hart;

/** Drives a machine's harts until the guest exits, the limit is reached, every hart deadlocks, or a stop. */
public interface Engine {
    RunResult run(Machine machine, long maxInstructions);

    /**
     * A point in Java code running on {@code hart}'s behalf (the hosted kernel: after a PTE store, while
     * waiting for IPI acknowledgements, on a lock spin) where other harts may run first.
     */
    void yieldPoint(Hart hart);

    /**
     * Java code running on {@code hart}'s behalf (the hosted kernel) does work a real kernel needs {@code cycles}
     * guest cycles for: {@code hart} is busy that long, counting them in its mcycle and its IPI clock, while the
     * other harts run on. IPIs that fall due meanwhile become pending on {@code hart}.
     */
    void spend(Hart hart, long cycles);

    /**
     * Whether a run ended with some hart in the middle of kernel work that is parked, not done (the deterministic
     * engine after a debugger's stop); the next run resumes it.
     */
    default boolean kernelWorkSuspended() {
        return false;
    }

    /**
     * Completes kernel work a run left suspended; called from outside any run, before the machine is touched
     * from outside (a single step, the shell calling the kernel). Engines whose runs always complete their
     * kernel work (the parallel one) have nothing to do.
     */
    default void completeKernelWork() {
    }

    /** The engines a user can choose with {@code --engine}. */
    enum Kind {
        DETERMINISTIC, PARALLEL;

        public static Kind parse(String text) {
            for (Kind k : values()) {
                if (k.name().equalsIgnoreCase(text)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("engine must be deterministic or parallel, got '" + text + "'");
        }

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
