package org.hartlab.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KernelCostsTest {
    @Test
    void profilesParseByName() {
        assertThat(KernelCosts.parse("zero")).isEqualTo(KernelCosts.ZERO);
        assertThat(KernelCosts.parse(" Realistic ")).isEqualTo(KernelCosts.REALISTIC);
    }

    @Test
    void singleCostsOverrideTheirProfile() {
        KernelCosts c = KernelCosts.parse("zero,fork=50000,page-copy=7");
        assertThat(c.fork()).isEqualTo(50_000);
        assertThat(c.pageCopy()).isEqualTo(7);
        assertThat(c.trap()).isZero();
        KernelCosts alone = KernelCosts.parse("ipi-take=1_000");
        assertThat(alone.ipiTake()).isEqualTo(1_000);
        assertThat(alone.trap()).as("settings alone apply on top of realistic").isEqualTo(KernelCosts.REALISTIC.trap());
    }

    @Test
    void toStringParsesBackToTheSameCosts() {
        for (String text : new String[] {"zero", "realistic", "realistic,spin=3,exit-page=0", "fork=1"}) {
            KernelCosts c = KernelCosts.parse(text);
            assertThat(KernelCosts.parse(c.toString())).as(text).isEqualTo(c);
        }
        assertThat(KernelCosts.parse("spin=3").toString()).isEqualTo("realistic,spin=3");
    }

    @Test
    void badInputIsOneLineNamingTheProblem() {
        assertThatThrownBy(() -> KernelCosts.parse("fast")).hasMessageContaining("zero, realistic or NAME=CYCLES");
        assertThatThrownBy(() -> KernelCosts.parse("zero,forks=1")).hasMessageContaining("unknown kernel cost 'forks=1'")
                .hasMessageContaining("fork-mapping");
        assertThatThrownBy(() -> KernelCosts.parse("trap=abc")).hasMessageContaining("trap must be a number");
        assertThatThrownBy(() -> KernelCosts.parse("trap=-1")).hasMessageContaining("trap must be 0..");
        assertThatThrownBy(() -> KernelCosts.parse("zero,trap")).hasMessageContaining("unknown kernel cost 'trap'");
    }

    @Test
    void aForkCostsMoreForEveryMappingPageAndPageTablePage() {
        KernelCosts c = KernelCosts.REALISTIC;
        long base = c.forkOf(3, 10, 4);
        assertThat(c.forkOf(4, 10, 4) - base).isEqualTo(c.forkMapping()).isPositive();
        assertThat(c.forkOf(3, 11, 4) - base).isEqualTo(c.forkPage()).isPositive();
        assertThat(c.forkOf(3, 10, 5) - base).isEqualTo(c.forkTable()).isPositive();
        assertThat(c.exitOf(11) - c.exitOf(10)).isEqualTo(c.exitPage()).isPositive();
        assertThat(KernelCosts.ZERO.forkOf(100, 1000, 10)).isZero();
    }

    @Test
    void onlyWaitsThatTakeTimeWaitForTheIpi() {
        assertThat(KernelCosts.REALISTIC.waitsTakeTime()).isTrue();
        assertThat(KernelCosts.ZERO.waitsTakeTime()).isFalse();
    }
}
