package org.hartlab.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code --schedule} text: what parses, what a printed schedule says, and the one-line errors. */
class ScheduleSpecTest {
    @Test
    void uniformAndPctParseWithDefaultsFilledIn() {
        assertThat(ScheduleSpec.parse("uniform")).isEqualTo(ScheduleSpec.UNIFORM);
        assertThat(ScheduleSpec.parse("PCT")).isEqualTo(new ScheduleSpec(ScheduleSpec.Kind.PCT,
                ScheduleSpec.DEFAULT_DEPTH, ScheduleSpec.DEFAULT_STEPS));
        assertThat(ScheduleSpec.parse("pct:5")).isEqualTo(new ScheduleSpec(ScheduleSpec.Kind.PCT, 5,
                ScheduleSpec.DEFAULT_STEPS));
        assertThat(ScheduleSpec.parse("pct:2:300")).isEqualTo(new ScheduleSpec(ScheduleSpec.Kind.PCT, 2, 300));
    }

    @Test
    void printedScheduleSpellsOutEveryParameterAndParsesBackToItself() {
        for (String text : new String[] {"uniform", "pct", "pct:4", "pct:1:7"}) {
            ScheduleSpec spec = ScheduleSpec.parse(text);
            assertThat(ScheduleSpec.parse(spec.toString())).isEqualTo(spec);
        }
        assertThat(ScheduleSpec.parse("pct").toString()).isEqualTo("pct:3:" + ScheduleSpec.DEFAULT_STEPS);
    }

    @Test
    void malformedSchedulesAreRejectedWithTheReason() {
        assertThatThrownBy(() -> ScheduleSpec.parse("random")).hasMessage(
                "schedule must be uniform or pct[:DEPTH[:STEPS]], got 'random'");
        assertThatThrownBy(() -> ScheduleSpec.parse("uniform:3")).hasMessageContaining("got 'uniform:3'");
        assertThatThrownBy(() -> ScheduleSpec.parse("pct:3:10:1")).hasMessageContaining("got 'pct:3:10:1'");
        assertThatThrownBy(() -> ScheduleSpec.parse("pct:x")).hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> ScheduleSpec.parse("pct:0")).hasMessage("pct depth must be 1..64, got 0");
        assertThatThrownBy(() -> ScheduleSpec.parse("pct:4:2")).hasMessage(
                "pct steps must be at least 1 and at least depth - 1 (3), got 2");
    }
}
