package org.hartlab.tools.difftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing the console dump and naming what differs. */
class GuestDumpTest {
    private static String dump(long... overrides) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < GuestDump.WORDS; i++) {
            long v = i < overrides.length ? overrides[i] : i;
            s.append("%016x%n".formatted(v));
        }
        return s.toString();
    }

    @Test
    void completeDumpParsesIntoWords() {
        GuestDump d = GuestDump.parse(dump(0, 0xFFFF_FFFF_FFFF_FFFFL), "exit 0");
        assertThat(d.words()).isPresent();
        assertThat(d.words().get()[1]).isEqualTo(-1L);
        assertThat(d.traps()).isZero();
    }

    @Test
    void carriageReturnsAreIgnored() {
        assertThat(GuestDump.parse(dump().replace("\n", "\r\n"), "exit 0").words()).isPresent();
    }

    @Test
    void truncatedOutputHasNoWords() {
        assertThat(GuestDump.parse(dump().substring(0, 100), "timeout").words()).isEmpty();
    }

    @Test
    void identicalDumpsHaveNoDifferences() {
        GuestDump a = GuestDump.parse(dump(), "exit 0");
        assertThat(a.differences(GuestDump.parse(dump(), "exit 0"), "hartlab", "qemu")).isEmpty();
    }

    @Test
    void differencesNameTheRegisterAndBothValues() {
        GuestDump a = GuestDump.parse(dump(0, 1, 2, 3, 4, 5, 6, 7), "exit 0");
        GuestDump b = GuestDump.parse(dump(0, 1, 2, 3, 4, 5, 6, 99), "exit 0");
        List<GuestDump.Difference> diffs = a.differences(b, "hartlab", "qemu");
        assertThat(diffs).hasSize(1);
        assertThat(diffs.get(0).word()).isEqualTo(7);
        assertThat(diffs.get(0).text()).isEqualTo(
                "x7 (t2): hartlab 0x0000000000000007, qemu 0x0000000000000063");
    }

    @Test
    void aDifferentEndComesFirst() {
        GuestDump a = GuestDump.parse(dump(), "exit 0");
        GuestDump b = GuestDump.parse("", "timeout after 30 s");
        List<GuestDump.Difference> diffs = a.differences(b, "hartlab", "qemu");
        assertThat(diffs.get(0).text()).startsWith("end: hartlab exit 0, qemu timeout");
        assertThat(diffs.get(1).text()).startsWith("output: hartlab a complete dump, qemu no complete dump");
    }

    @Test
    void traceSlotsAreNamedBySlot() {
        assertThat(GuestDump.name(GuestDump.SAVE_WORDS + 3)).isEqualTo("trace slot 3");
        assertThat(GuestDump.name(GuestDump.CHECKSUM)).isEqualTo("scratch memory checksum");
    }
}
