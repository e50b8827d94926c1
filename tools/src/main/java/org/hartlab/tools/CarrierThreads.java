package org.hartlab.tools;

import java.util.OptionalInt;

/**
 * How many carrier threads the JVM gives virtual threads, chosen once at start-up from the command line. The
 * deterministic engine runs each hart as a virtual thread, one of them at a time per machine, and passes a baton
 * between them at every slice end and kernel wait. With as many carriers as cores, each pass wakes the next hart on
 * another carrier and puts this one's to sleep; with one carrier per machine running at once, the pass stays on its
 * carrier. Measured: {@code stress litmus-spin --strategy all --seeds 1..10} took 8.8-9.1 s with the JDK's default
 * (2 carriers here) and 5.8 s with 1. The property must be set before the first virtual thread starts, hence here.
 */
final class CarrierThreads {
    static final String PROPERTY = "jdk.virtualThreadScheduler.parallelism";

    private CarrierThreads() {
    }

    /** Sets the carriers for {@code args}, unless the user set them (with -D) or the command has no rule. */
    static void configure(String... args) {
        OptionalInt n = parallelism(args);
        if (n.isPresent() && System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, Integer.toString(n.getAsInt()));
        }
    }

    /**
     * One carrier for {@code run} and {@code bare} (one machine), {@code --jobs} of them for {@code stress} (that
     * many machines at once); nothing for the rest: the shell runs machines side by side (background jobs, its own
     * stress), and an unreadable {@code --jobs} is left to the option parser to report.
     */
    static OptionalInt parallelism(String... args) {
        if (args.length == 0) {
            return OptionalInt.empty();
        }
        return switch (args[0]) {
            case "run", "bare" -> OptionalInt.of(1);
            case "stress" -> jobs(args);
            default -> OptionalInt.empty();
        };
    }

    /** The value of stress's {@code --jobs} (default 1), read up to a {@code --} after which the program's come. */
    private static OptionalInt jobs(String[] args) {
        for (int i = 1; i < args.length && !args[i].equals("--"); i++) {
            String value = args[i].startsWith("--jobs=") ? args[i].substring("--jobs=".length())
                    : args[i].equals("--jobs") && i + 1 < args.length ? args[i + 1] : null;
            if (value != null) {
                try {
                    int jobs = Integer.parseInt(value);
                    return jobs > 0 ? OptionalInt.of(jobs) : OptionalInt.empty();
                } catch (NumberFormatException e) {
                    return OptionalInt.empty();
                }
            }
        }
        return OptionalInt.of(1);
    }
}
