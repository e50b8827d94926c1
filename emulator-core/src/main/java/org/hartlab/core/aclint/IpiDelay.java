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

    /** Parses {@code "N"} or {@code "MIN..MAX"}, each bound 0..{@link Integer#MAX_VALUE} cycles. */
    public static IpiDelay parse(String text) {
        int dots = text.indexOf("..");
        if (dots < 0) {
            int n = bound(text, text);
            return new IpiDelay(n, n);
        }
        return new IpiDelay(bound(text.substring(0, dots), text), bound(text.substring(dots + 2), text));
    }

    private static int bound(String number, String text) {
        String digits = number.trim();
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            if (digits.matches("\\d+")) {
                throw new IllegalArgumentException("ipi delay %s is too long: at most %d cycles, got '%s'"
                        .formatted(digits, Integer.MAX_VALUE, text));
            }
            throw new IllegalArgumentException("ipi delay must be N or MIN..MAX (cycles, 0.." + Integer.MAX_VALUE
                    + "), got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return min == max ? Integer.toString(min) : min + ".." + max;
    }
}
