package org.hartlab.tools.difftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A disagreement report names the seed, the first differing register and the earliest differing record. */
class ReportTest {
    private final Program program = ProgramGenerator.generate(3, 200);
    private final GuestDump hartlab = DiffRunner.runHartlab(program);

    private String reportWithQemuChangedAt(int... words) {
        long[] other = hartlab.words().orElseThrow().clone();
        for (int w : words) {
            other[w] ^= 0x10;
        }
        GuestDump qemu = new GuestDump(Optional.of(other), hartlab.status(), hartlab.raw());
        DiffRunner.Result r = new DiffRunner.Result(program, hartlab, qemu, hartlab.differences(qemu, "hartlab",
                "qemu"));
        StringWriter out = new StringWriter();
        Report.disagreement(r, new PrintWriter(out));
        return out.toString();
    }

    private int firstUsedSlotAfter(int from) {
        for (int slot = from; slot < GuestDump.RECORD_SLOTS; slot++) {
            if (program.traceLines()[slot] >= 0) {
                return slot;
            }
        }
        throw new AssertionError("no trace record after slot " + from);
    }

    @Test
    void reportNamesSeedFirstRegisterAndHowToRepeat() {
        String report = reportWithQemuChangedAt(9, 4);
        assertThat(report).contains("seed 3 (length 200)")
                .contains("first differing register: x4 (tp)")
                .contains("repeat with: hartlab difftest --seed 3 --count 1 --length 200");
    }

    @Test
    void earliestDifferingRecordIsMarkedInTheListing() {
        int early = firstUsedSlotAfter(2);
        int late = firstUsedSlotAfter(early + 5);
        String report = reportWithQemuChangedAt(GuestDump.SAVE_WORDS + late, GuestDump.SAVE_WORDS + early);
        String stored = program.listing().get(program.traceLines()[early]);
        assertThat(report).contains("earliest differing intermediate result: trace slot " + early + ":")
                .contains("stored by " + stored)
                .contains("  > " + stored);
    }
}
