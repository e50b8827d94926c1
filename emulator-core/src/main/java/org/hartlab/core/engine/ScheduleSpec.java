package org.hartlab.core.engine;

import java.util.Locale;

/**
 * Which {@link Schedule} the deterministic engine follows, as the user names it with {@code --schedule}:
 * {@code uniform}, or {@code pct[:DEPTH[:STEPS]]}. Its {@link #toString} is the canonical form, with every
 * parameter spelled out, so that a printed schedule replays the run it names.
 *
 * @param kind  uniform or pct
 * @param depth PCT's bug depth d (d − 1 priority change points); 0 for uniform
 * @param steps PCT's k, the steps over which the change points are drawn; 0 for uniform
 */
public record ScheduleSpec(Kind kind, int depth, long steps) {
    /** d = 3 finds the ordering bugs most races need (two switch points) with a bound of 1/(n·k²). */
    public static final int DEFAULT_DEPTH = 3;
    /**
     * k: about the steps of a 200-iteration cow-race under PCT (4..7 M instructions in steps of 100). A change
     * point drawn past a run's last step never fires; k far below it leaves the run's tail to fixed priorities.
     */
    public static final long DEFAULT_STEPS = 50_000;
    private static final int MAX_DEPTH = 64;

    public static final ScheduleSpec UNIFORM = new ScheduleSpec(Kind.UNIFORM, 0, 0);
    public static final ScheduleSpec PCT = new ScheduleSpec(Kind.PCT, DEFAULT_DEPTH, DEFAULT_STEPS);

    /** The schedules a user can choose. */
    public enum Kind {
        UNIFORM, PCT
    }

    public ScheduleSpec {
        if (kind == Kind.UNIFORM && (depth != 0 || steps != 0)) {
            throw new IllegalArgumentException("the uniform schedule takes no parameters");
        }
        if (kind == Kind.PCT) {
            if (depth < 1 || depth > MAX_DEPTH) {
                throw new IllegalArgumentException("pct depth must be 1.." + MAX_DEPTH + ", got " + depth);
            }
            if (steps < depth - 1 || steps < 1) {
                throw new IllegalArgumentException("pct steps must be at least 1 and at least depth - 1 ("
                        + (depth - 1) + "), got " + steps);
            }
        }
    }

    /** Parses {@code uniform}, {@code pct}, {@code pct:D} or {@code pct:D:K}; IllegalArgumentException otherwise. */
    public static ScheduleSpec parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":", -1);
        if (parts.length == 1 && parts[0].equals("uniform")) {
            return UNIFORM;
        }
        if (parts[0].equals("pct") && parts.length <= 3) {
            int depth = parts.length > 1 ? (int) number(parts[1], text) : DEFAULT_DEPTH;
            long steps = parts.length > 2 ? number(parts[2], text) : DEFAULT_STEPS;
            return new ScheduleSpec(Kind.PCT, depth, steps);
        }
        throw new IllegalArgumentException("schedule must be uniform or pct[:DEPTH[:STEPS]], got '" + text + "'");
    }

    private static long number(String part, String text) {
        try {
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "schedule must be uniform or pct[:DEPTH[:STEPS]] with whole numbers, got '" + text + "'");
        }
    }

    /** A new schedule of this kind for {@code harts} harts, every choice drawn from {@code seed}. */
    public Schedule create(long seed, int harts, int quantum) {
        return switch (kind) {
            case UNIFORM -> new UniformSchedule(seed, harts, quantum);
            case PCT -> new PctSchedule(seed, harts, quantum, depth, steps);
        };
    }

    @Override
    public String toString() {
        return kind == Kind.UNIFORM ? "uniform" : "pct:" + depth + ":" + steps;
    }
}
