package org.hartlab.tools.stress;

/** An inclusive range of seeds, {@code A..B}, or one seed {@code N}. */
record SeedRange(long first, long last) {
    /** More seeds than this in one run is surely a typo (and a list of results that size). */
    static final long MAX_SEEDS = 1_000_000;

    SeedRange {
        if (last < first) {
            throw new IllegalArgumentException("--seeds must be A..B with A <= B, got " + first + ".." + last);
        }
        if (last - first >= MAX_SEEDS) {
            throw new IllegalArgumentException("--seeds: at most " + MAX_SEEDS + " seeds, got " + first + ".." + last);
        }
    }

    /** Parses {@code "A..B"} or {@code "N"}; IllegalArgumentException with a one-line reason otherwise. */
    static SeedRange parse(String text) {
        try {
            int dots = text.indexOf("..");
            if (dots < 0) {
                long n = Long.parseLong(text.trim());
                return new SeedRange(n, n);
            }
            return new SeedRange(Long.parseLong(text.substring(0, dots).trim()),
                    Long.parseLong(text.substring(dots + 2).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seeds must be A..B or N, got '" + text + "'");
        }
    }

    int count() {
        return (int) (last - first + 1);
    }

    @Override
    public String toString() {
        return first == last ? Long.toString(first) : first + ".." + last;
    }
}
