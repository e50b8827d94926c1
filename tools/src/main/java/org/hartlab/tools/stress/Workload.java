package org.hartlab.tools.stress;

import java.util.ArrayList;
import java.util.List;

/**
 * What stress runs: a program (a bundled name or an ELF path, as {@code hartlab run} takes it) and its arguments.
 * The bundled COW programs also take their size from {@code --iterations} and {@code --pages}, which
 * {@link #of} turns into their arguments; any other program gets exactly the arguments given.
 *
 * @param program   the program as given (it is argv[0] and the replay command's program, so both replay alike)
 * @param arguments the arguments after it
 */
record Workload(String program, List<String> arguments) {
    /** Iterations (cow-race), rounds (cow-cost) when stress gives none: a seed's run stays short. */
    static final int DEFAULT_ITERATIONS = 200;
    /** Pages cow-cost writes per round when stress gives none. */
    static final int DEFAULT_PAGES = 16;
    static final int MAX_PAGES = 256;

    /** The bundled programs with a size, and how {@code --iterations} and {@code --pages} make their arguments. */
    private enum Sized {
        COW_RACE("cow-race", false, true),
        COW_COST("cow-cost", true, true),
        LITMUS_SPIN("litmus-spin", false, false),
        LITMUS_FUTEX("litmus-futex", false, false);

        final String program;
        final boolean takesPages;
        /** Whether stress passes its own default size (else the program's own default stands). */
        final boolean sizedByDefault;

        Sized(String program, boolean takesPages, boolean sizedByDefault) {
            this.program = program;
            this.takesPages = takesPages;
            this.sizedByDefault = sizedByDefault;
        }

        static Sized find(String program) {
            for (Sized s : values()) {
                if (s.program.equals(program)) {
                    return s;
                }
            }
            return null;
        }
    }

    Workload {
        arguments = List.copyOf(arguments);
    }

    /**
     * The workload of {@code program}: {@code arguments} when given, else those {@code iterations} and
     * {@code pages} (null when not given) make for a bundled sized program. IllegalArgumentException when a size
     * option does not apply to the program, or comes with explicit arguments.
     */
    static Workload of(String program, List<String> arguments, Integer iterations, Integer pages) {
        Sized sized = Sized.find(program);
        boolean sizeGiven = iterations != null || pages != null;
        if (sizeGiven && !arguments.isEmpty()) {
            throw new IllegalArgumentException("give " + program + " either ARGS or --iterations/--pages, not both");
        }
        if (iterations != null && sized == null) {
            throw new IllegalArgumentException("--iterations sizes cow-race, cow-cost, litmus-spin and litmus-futex "
                    + "only: pass " + program + "'s own arguments after it");
        }
        if (pages != null && (sized == null || !sized.takesPages)) {
            throw new IllegalArgumentException("--pages sizes cow-cost only, not " + program);
        }
        if (iterations != null && iterations < 1) {
            throw new IllegalArgumentException("--iterations must be positive, got " + iterations);
        }
        if (pages != null && (pages < 1 || pages > MAX_PAGES)) {
            throw new IllegalArgumentException("--pages must be 1.." + MAX_PAGES + ", got " + pages);
        }
        if (sized == null || !arguments.isEmpty() || (!sizeGiven && !sized.sizedByDefault)) {
            return new Workload(program, arguments);
        }
        List<String> made = new ArrayList<>();
        if (sized.takesPages) {
            made.add(Integer.toString(pages == null ? DEFAULT_PAGES : pages));
        }
        made.add(Integer.toString(iterations == null ? DEFAULT_ITERATIONS : iterations));
        return new Workload(program, made);
    }

    /** The program's argv, its name first. */
    List<String> argv() {
        List<String> argv = new ArrayList<>();
        argv.add(program);
        argv.addAll(arguments);
        return argv;
    }

    /** The program and its arguments as a shell line would give them. */
    @Override
    public String toString() {
        return ShellWords.join(argv());
    }
}
