package org.hartlab.tools.stress;

import java.io.PrintWriter;
import java.util.function.IntSupplier;
import org.hartlab.tools.StopOnInterrupt;

/**
 * Where a stress run happens: how its progress shows, how Ctrl-C stops it, and how its one-line errors start.
 * The command line ({@link #COMMAND_LINE}) and the shell each have one; the run itself is the same.
 */
public interface StressHost {
    /** The start of error lines: "hartlab stress" or, in the shell, "stress". */
    String name();

    /** The progress display the runner tells about each finished run. */
    Progress display(StressProgress progress, PrintWriter err);

    /** Runs {@code work} (the whole run and its report) and returns its exit code; Ctrl-C calls {@code cancel}. */
    int run(IntSupplier work, Runnable cancel, StressProgress progress);

    /** A command-line run: a bar on stderr when it is a terminal, Ctrl-C through a shutdown hook. */
    StressHost COMMAND_LINE = new StressHost() {
        @Override
        public String name() {
            return "hartlab stress";
        }

        @Override
        public Progress display(StressProgress progress, PrintWriter err) {
            return ProgressBar.forTerminal(err, progress);
        }

        @Override
        public int run(IntSupplier work, Runnable cancel, StressProgress progress) {
            try (StopOnInterrupt interrupt = new StopOnInterrupt(cancel)) {
                return work.getAsInt();
            }
        }
    };
}
