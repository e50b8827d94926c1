package org.hartlab.core.hart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hartlab.core.hart.HartFixture.DATA;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hartlab.core.bus.Bus;
import org.hartlab.core.bus.RamPhysicalMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of store that lands on a reserved granule between an LR and its SC makes the SC fail, even when it
 * writes the value the word already holds: another hart's store (through its store micro-TLB too), AMO and
 * successful SC, the page walker's A/D update, and each way host code (the kernel, a loader, a debugger) stores.
 */
class ReservationTest {
    private static final int OLD = 0x1234_5678;

    private final HartFixture harts = HartFixture.twoHarts();
    private final Hart hart = harts.hart(0);
    private final Hart other = harts.hart(1);

    ReservationTest() {
        harts.ram().store64(DATA, OLD);
        harts.program(0, "lr.w x5, (x6)", "sc.w x8, x7, (x6)");
        hart.setRegister(6, DATA);
        hart.setRegister(7, 0x0BAD_F00D);
        other.setRegister(6, DATA);
        other.setRegister(7, OLD);
    }

    private Bus bus() {
        return harts.hart(0).bus();
    }

    /** Runs hart 0's LR, then {@code between}, then its SC; returns the SC's rd. */
    private long scAfter(Runnable between) {
        harts.step(0);
        between.run();
        harts.step(0);
        return hart.register(8);
    }

    @Test
    void aSameValueStoreThroughTheOtherHartsWarmStoreTlbMakesTheScFail() {
        harts.program(1, "sw x7, 0(x6)", "sw x7, 0(x6)");
        harts.step(1); // fills hart 1's store micro-TLB with the data page, so its next store hits there

        assertThat(scAfter(() -> harts.step(1))).isEqualTo(1);
        assertThat(harts.ram().load32(DATA)).isEqualTo(OLD);
    }

    @Test
    void aSuccessfulSameValueScByAnotherHartMakesTheScFail() {
        harts.program(1, "lr.w x5, (x6)", "sc.w x8, x7, (x6)");

        long rd = scAfter(() -> harts.step(1).step(1));

        assertThat(other.register(8)).as("the other hart's SC").isZero();
        assertThat(rd).isEqualTo(1);
        assertThat(harts.ram().load32(DATA)).isEqualTo(OLD);
    }

    @Test
    void anAmoThatLeavesTheValueAloneMakesTheScFail() {
        harts.program(1, "amoadd.w x5, x7, (x6)");
        other.setRegister(7, 0);

        assertThat(scAfter(() -> harts.step(1))).isEqualTo(1);
    }

    @Test
    void aPageWalkerUpdateOfTheReservedWordMakesTheScFail() {
        harts.program(0, "lr.d x5, (x6)", "sc.d x8, x7, (x6)");
        var walker = RamPhysicalMemory.forWalker(bus(), 1);

        assertThat(scAfter(() -> assertThat(walker.compareAndSet64(DATA, OLD, OLD)).isTrue())).isEqualTo(1);
    }

    static Stream<Arguments> hostStores() {
        return Stream.of(
                Arguments.of("store64", (Consumer<Bus>) bus -> bus.store64(DATA, OLD)),
                Arguments.of("write", (Consumer<Bus>) bus -> bus.write(DATA, new byte[] {0x78, 0x56, 0x34, 0x12}, 0, 4)),
                Arguments.of("write of one byte", (Consumer<Bus>) bus -> bus.write(DATA + 3, new byte[] {0x12}, 0, 1)),
                Arguments.of("copy", (Consumer<Bus>) bus -> {
                    bus.store64(DATA + 0x100, OLD);
                    bus.copy(DATA + 0x100, DATA, 8);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostStores")
    void aHostStoreOfTheSameValueMakesTheScFail(String kind, Consumer<Bus> store) {
        assertThat(scAfter(() -> store.accept(bus()))).isEqualTo(1);
        assertThat(harts.ram().load32(DATA)).isEqualTo(OLD);
    }

    @Test
    void aZeroingHostStoreMakesTheScOnAZeroWordFail() {
        harts.ram().store64(DATA, 0);

        assertThat(scAfter(() -> bus().zero(DATA & ~0xFFFL, 4096))).isEqualTo(1);
        assertThat(harts.ram().load32(DATA)).isZero();
    }

    @Test
    void aHostStoreToTheNextGranuleLeavesTheReservation() {
        assertThat(scAfter(() -> bus().store64(DATA + 8, OLD))).isZero();
        assertThat(harts.ram().load32(DATA)).isEqualTo(0x0BAD_F00D);
    }
}
