package org.hartlab.tools.difftest;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/** Formats a disagreement so that it can be understood and repeated without rerunning anything else. */
public final class Report {
    /** Listing lines shown before the earliest differing trace record. */
    private static final int CONTEXT = 60;
    private static final int MAX_LISTED_DIFFERENCES = 12;

    private Report() {
    }

    /** The command that regenerates and reruns exactly this program. */
    public static String repeatCommand(Program p) {
        return "hartlab difftest --seed %d --count 1 --length %d".formatted(p.seed(), p.length());
    }

    /** The first differing register x1..x31, if any register differs. */
    static Optional<GuestDump.Difference> firstRegister(List<GuestDump.Difference> diffs) {
        return diffs.stream().filter(d -> d.word() >= 1 && d.word() <= 31).findFirst();
    }

    /** The differing trace slot whose last store comes first in the program, if any slot differs. */
    static Optional<GuestDump.Difference> earliestTrace(Program p, List<GuestDump.Difference> diffs) {
        GuestDump.Difference best = null;
        for (GuestDump.Difference d : diffs) {
            int slot = d.word() - GuestDump.SAVE_WORDS;
            if (slot >= 0 && slot < GuestDump.RECORD_SLOTS && p.traceLines()[slot] >= 0
                    && (best == null || line(p, d) < line(p, best))) {
                best = d;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int line(Program p, GuestDump.Difference d) {
        return p.traceLines()[d.word() - GuestDump.SAVE_WORDS];
    }

    /**
     * Prints the seed, the first differing register, the earliest differing intermediate result with the
     * instruction that stored it, the other differences, the initial registers, the listing (around the earliest
     * difference when there is one, else the whole body), and how to repeat the run.
     */
    public static void disagreement(DiffRunner.Result r, PrintWriter out) {
        Program p = r.program();
        List<GuestDump.Difference> diffs = r.differences();
        out.printf("difftest: seed %d (length %d): hartlab and QEMU disagree%n", p.seed(), p.length());
        firstRegister(diffs).ifPresent(d -> out.printf("  first differing register: %s%n", d));
        Optional<GuestDump.Difference> early = earliestTrace(p, diffs);
        early.ifPresent(d -> out.printf("  earliest differing intermediate result: %s%n    stored by %s%n", d,
                p.listing().get(line(p, d))));
        out.printf("  all differences (%d):%n", diffs.size());
        for (GuestDump.Difference d : diffs.subList(0, Math.min(diffs.size(), MAX_LISTED_DIFFERENCES))) {
            out.printf("    %s%n", d);
        }
        if (diffs.size() > MAX_LISTED_DIFFERENCES) {
            out.printf("    ... and %d more%n", diffs.size() - MAX_LISTED_DIFFERENCES);
        }
        if (r.hartlab().traps() != 0 || r.qemu().traps() != 0) {
            out.printf("  traps taken (logged, then skipped): hartlab %d, qemu %d%n", r.hartlab().traps(),
                    r.qemu().traps());
        }
        out.printf("  initial registers (x%d points into the trace area):%n", p.tracePointer());
        for (int row = 1; row < 32; row += 4) {
            StringBuilder line = new StringBuilder("   ");
            for (int reg = row; reg < Math.min(row + 4, 32); reg++) {
                line.append(" x%-2d=0x%016x".formatted(reg, p.initial()[reg]));
            }
            out.println(line);
        }
        int from = p.bodyFirst();
        int to = p.bodyEnd();
        int mark = -1;
        if (early.isPresent()) {
            mark = line(p, early.get());
            from = Math.max(from, mark - CONTEXT);
            to = Math.min(to, mark + 1);
        }
        out.printf("  program body, listing lines %d..%d of %d..%d (the epilogue then saves x1..x31 and checksums "
                + "%d scratch bytes):%n", from, to - 1, p.bodyFirst(), p.bodyEnd() - 1, Harness.SCRATCH_BYTES);
        for (int i = from; i < to; i++) {
            out.println((i == mark ? "  > " : "    ") + p.listing().get(i));
        }
        out.println("  repeat with: " + repeatCommand(p) + " --save DIR");
        out.flush();
    }
}
