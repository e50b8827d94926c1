package org.hartlab.tools.difftest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a generated program printed: {@link #WORDS} lines of 16 hex digits, followed by the exit. The first
 * {@link #SAVE_WORDS} are the save area: the number of traps taken, x1..x31, the scratch checksum. The rest is
 * the trace area: slots where the body stored intermediate results, the trap handler's spill slots and trap
 * count, and its log of the last {@link #LOG_ENTRIES} traps (mcause, mepc, mtval, trap number).
 *
 * @param words  the parsed words, or empty when the output was not a complete dump
 * @param status how the run ended ("exit 0", "timeout", "instruction limit at pc ...")
 * @param raw    the console output, for the report when it could not be parsed
 */
public record GuestDump(Optional<long[]> words, String status, String raw) {
    static final int TRAPS = 0;
    static final int CHECKSUM = 32;
    static final int SAVE_WORDS = 33;
    static final int TRACE_WORDS = 512;
    /** Trace slots 0..RECORD_SLOTS-1 take the body's records. */
    static final int RECORD_SLOTS = 416;
    static final int SPILL_SLOT = 416;
    static final int TRAP_COUNT_SLOT = 418;
    static final int LOG_SLOT = 448;
    static final int LOG_ENTRIES = 16;
    private static final String[] LOG_FIELDS = {"mcause", "mepc", "mtval", "number"};
    static final int WORDS = SAVE_WORDS + TRACE_WORDS;

    private static final String[] ABI = {"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1",
        "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3",
        "t4", "t5", "t6"};

    /** Parses console output; anything but exactly {@link #WORDS} hex lines gives an empty {@code words}. */
    static GuestDump parse(String output, String status) {
        List<Long> values = new ArrayList<>();
        for (String line : output.replace("\r", "").split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() != 16) {
                return new GuestDump(Optional.empty(), status, output);
            }
            try {
                values.add(Long.parseUnsignedLong(line, 16));
            } catch (NumberFormatException e) {
                return new GuestDump(Optional.empty(), status, output);
            }
        }
        if (values.size() != WORDS) {
            return new GuestDump(Optional.empty(), status, output);
        }
        return new GuestDump(Optional.of(values.stream().mapToLong(Long::longValue).toArray()), status, output);
    }

    /** The name of save-area word {@code i}: "x7 (t2)", "memory checksum", ... */
    static String name(int i) {
        if (i == TRAPS) {
            return "traps taken";
        }
        if (i == CHECKSUM) {
            return "scratch memory checksum";
        }
        if (i < SAVE_WORDS) {
            return "x%d (%s)".formatted(i, ABI[i]);
        }
        int slot = i - SAVE_WORDS;
        if (slot < RECORD_SLOTS) {
            return "trace slot " + slot;
        }
        if (slot == TRAP_COUNT_SLOT) {
            return "trap count";
        }
        if (slot >= LOG_SLOT) {
            return "trap log entry %d %s".formatted((slot - LOG_SLOT) / 4, LOG_FIELDS[(slot - LOG_SLOT) % 4]);
        }
        return "trap handler slot " + slot;
    }

    /** The number of traps the program took (it resumes after each). */
    public long traps() {
        return words.map(w -> w[TRAPS]).orElse(0L);
    }

    /** One disagreement: about save/trace word {@code word}, or about the run as a whole ({@code word} -1). */
    public record Difference(int word, String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * The differences to {@code other}: the status, the trap count, registers, the checksum, then the trace.
     * Empty when the two runs agree.
     */
    List<Difference> differences(GuestDump other, String mine, String theirs) {
        List<Difference> out = new ArrayList<>();
        if (!status.equals(other.status)) {
            out.add(new Difference(-1, "end: %s %s, %s %s".formatted(mine, status, theirs, other.status)));
        }
        if (words.isEmpty() || other.words.isEmpty()) {
            if (words.isEmpty() != other.words.isEmpty() || !raw.equals(other.raw)) {
                out.add(new Difference(-1, "output: %s %s, %s %s".formatted(mine, describe(), theirs,
                        other.describe())));
            }
            return out;
        }
        long[] a = words.get();
        long[] b = other.words.get();
        for (int i = 0; i < WORDS; i++) {
            if (a[i] != b[i]) {
                out.add(new Difference(i, "%s: %s 0x%016x, %s 0x%016x".formatted(name(i), mine, a[i], theirs, b[i])));
            }
        }
        return out;
    }

    private String describe() {
        if (words.isPresent()) {
            return "a complete dump";
        }
        String shown = raw.length() > 200 ? raw.substring(0, 200) + "..." : raw;
        return "no complete dump (printed " + raw.length() + " chars: \"" + shown.replace("\n", "\\n") + "\")";
    }
}
