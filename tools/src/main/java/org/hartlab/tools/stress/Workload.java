package org.hartlab.tools.stress;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hartlab.kernel.vm.CowStrategy;

/** The guest programs stress runs: how to ask one for N iterations, and how to read what it printed. */
enum Workload {
    /** Threads A, B, C race a COW fault on page X (guests/user/cow-race.c); prints iterations and violations. */
    COW_RACE("cow-race"),
    /** One thread writes K pages a forked child still holds (guests/user/cow-cost.c); prints its COW writes. */
    COW_COST("cow-cost");

    private static final Pattern RACE = Pattern.compile("iterations=(\\d+) violations=(\\d+)");
    private static final Pattern COST = Pattern.compile("cow-writes=(\\d+)");

    /** What a run printed: iterations done and violations seen (always 0 for a workload that cannot see any). */
    record Report(long iterations, long violations) {
    }

    private final String program;

    Workload(String program) {
        this.program = program;
    }

    /** The workload named {@code name}; IllegalArgumentException naming the choices otherwise. */
    static Workload parse(String name) {
        for (Workload w : values()) {
            if (w.program.equals(name.toLowerCase(Locale.ROOT))) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + name + "': stress runs cow-race or cow-cost");
    }

    /** The bundled program's name, as {@code run} takes it. */
    String program() {
        return program;
    }

    /** The arguments after the program name: {@code ITER} for cow-race, {@code K ITER} for cow-cost. */
    List<String> arguments(int iterations, int pages) {
        return switch (this) {
            case COW_RACE -> List.of(Integer.toString(iterations));
            case COW_COST -> List.of(Integer.toString(pages), Integer.toString(iterations));
        };
    }

    /** The result line of {@code console}, or null when the program never printed one. */
    Report parse(String console, int iterations) {
        Matcher m = (this == COW_RACE ? RACE : COST).matcher(console);
        if (!m.find()) {
            return null;
        }
        return this == COW_RACE ? new Report(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))
                : new Report(iterations, 0);
    }

    /**
     * Whether exit code {@code code} is what this program gives under {@code strategy} after {@code report}:
     * cow-race exits 1 with violations, and under naive also 2 (an increment lost to the stale page, the same
     * bug); cow-cost always exits 0.
     */
    boolean expectedExit(int code, CowStrategy strategy, Report report) {
        return switch (this) {
            case COW_RACE -> code == (report.violations() > 0 ? 1 : 0) || (strategy == CowStrategy.NAIVE && code == 2);
            case COW_COST -> code == 0;
        };
    }

    @Override
    public String toString() {
        return program;
    }
}
