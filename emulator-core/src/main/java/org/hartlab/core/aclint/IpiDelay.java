package org.hartlab.core.aclint;

/**
 * The range, in target-hart instructions, from which each IPI's delivery delay is drawn. The spec only says
 * an IPI becomes pending "eventually"; a non-zero range lets a test widen the window in which the sender has
 * moved on while the target still runs with what it had cached.
 */
public record IpiDelay(int min, int max) {
    public IpiDelay {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("ipi delay must be MIN..MAX with 0 <= MIN <= MAX, got " + min + ".." + max);
        }
    }

    public static final IpiDelay NONE = new IpiDelay(0, 0);

    /** Parses {@code "N"} or {@code "MIN..MAX"}. */
    public static IpiDelay parse(String text) {
        try {
            int dots = text.indexOf("..");
            if (dots < 0) {
                int n = Integer.parseInt(text.trim());
                return new IpiDelay(n, n);
            }
            return new IpiDelay(Integer.parseInt(text.substring(0, dots).trim()),
                    Integer.parseInt(text.substring(dots + 2).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ipi delay must be N or MIN..MAX, got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return min == max ? Integer.toString(min) : min + ".." + max;
    }
}
