package org.hartlab.tools.stress;

import java.util.ArrayList;
import java.util.List;

/** Renders strategy summaries as a plain-text table with right-aligned numbers, one row per strategy. */
final class StressTable {
    static final List<String> HEADERS = List.of("strategy", "seeds", "violating seeds", "violations", "COW faults",
            "spurious", "IPIs", "shootdown IPIs", "faults/COW", "cycles/COW");

    /** What the less obvious columns mean, printed under the table. */
    static final String LEGEND = """
            COW faults: faults that copied a page; spurious: faults whose PTE already allowed the access (a stale \
            TLB entry, or a busy page published meanwhile); IPIs: all posted, shootdowns and wake-ups
            faults/COW: faults other than zero-fill per COW fault; cycles/COW: guest cycles (mtime ticks) spent \
            in the copying fault, shootdown wait included""";

    private StressTable() {
    }

    /** The table: a header row, a rule, then one row per summary. */
    static String render(List<StrategySummary> rows) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(HEADERS);
        for (StrategySummary s : rows) {
            String share = s.seeds() == 0 ? "" : " (%d%%)".formatted(Math.round(100.0 * s.violatingSeeds() / s.seeds()));
            cells.add(List.of(s.strategy().toString(), Long.toString(s.seeds()), s.violatingSeeds() + share,
                    Long.toString(s.violations()), Long.toString(s.cowFaults()), Long.toString(s.spurious()),
                    Long.toString(s.ipis()), Long.toString(s.shootdownIpis()), "%.2f".formatted(s.faultsPerCow()),
                    "%.1f".formatted(s.cyclesPerCow())));
        }
        int[] width = new int[HEADERS.size()];
        for (List<String> row : cells) {
            for (int c = 0; c < row.size(); c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            List<String> row = cells.get(r);
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                String pad = " ".repeat(width[c] - cell.length());
                sb.append(c == 0 ? cell + pad : "  " + pad + cell);
            }
            sb.append('\n');
            if (r == 0) {
                int total = 0;
                for (int w : width) {
                    total += w + 2;
                }
                sb.append("-".repeat(total - 2)).append('\n');
            }
        }
        return sb.toString();
    }
}
