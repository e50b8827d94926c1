package org.hartlab.core.engine;

import org.hartlab.core.Machine;
import org.hartlab.core.RunResult;

/** Drives a machine's harts until the guest exits, the limit is reached, every hart deadlocks, or a stop. */
public interface Engine {
    RunResult run(Machine machine, long maxInstructions);

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
