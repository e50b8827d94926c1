package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The carriers chosen for a command line (the choice only: setting the property here would outlive the test). */
class CarrierThreadsTest {
    @Test
    void oneMachineGetsOneCarrier() {
        assertThat(CarrierThreads.parallelism("run", "hello")).hasValue(1);
        assertThat(CarrierThreads.parallelism("bare", "x.elf")).hasValue(1);
    }

    @Test
    void stressGetsOneCarrierPerJob() {
        assertThat(CarrierThreads.parallelism("stress", "litmus-spin")).hasValue(1);
        assertThat(CarrierThreads.parallelism("stress", "--jobs", "3", "litmus-spin")).hasValue(3);
        assertThat(CarrierThreads.parallelism("stress", "litmus-spin", "--jobs=4")).hasValue(4);
        assertThat(CarrierThreads.parallelism("stress", "prog.elf", "--", "--jobs", "9"))
                .as("after --, the program's arguments").hasValue(1);
    }

    @Test
    void theShellAndBadValuesKeepTheJdkDefault() {
        assertThat(CarrierThreads.parallelism("shell")).isEqualTo(OptionalInt.empty());
        assertThat(CarrierThreads.parallelism()).isEqualTo(OptionalInt.empty());
        assertThat(CarrierThreads.parallelism("stress", "--jobs", "many")).isEqualTo(OptionalInt.empty());
        assertThat(CarrierThreads.parallelism("stress", "--jobs", "0")).isEqualTo(OptionalInt.empty());
        assertThat(CarrierThreads.parallelism("bench", "callmix")).isEqualTo(OptionalInt.empty());
    }
}
