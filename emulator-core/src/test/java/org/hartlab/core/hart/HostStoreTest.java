package org.hartlab.core.hart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hartlab.core.hart.InsnWords.i;
import static org.hartlab.core.hart.InsnWords.j;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hartlab.core.bus.Bus;
import org.hartlab.core.bus.Ram;
import org.hartlab.mmu.TlbConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Host code's stores into guest RAM (the kernel zeroing a frame it hands out again or copying a page, a loader, a
 * debugger) drop what was decoded from the bytes they overwrite: blocks, and the translations hot blocks became.
 */
class HostStoreTest {
    private static final long CODE = Ram.BASE + 0x1000;
    private static final long OTHER = Ram.BASE + 0x3000;
    private static final long TRAP_VECTOR = Ram.BASE + 0x8000;
    /** addi x5, x5, 1; jal x0, -4: counts in x5 forever. */
    private static final int[] PLUS_ONE = {i(0x13, 5, 0, 5, 1), j(-4)};
    /** addi x5, x5, 100; jal x0, -4. */
    private static final int[] PLUS_HUNDRED = {i(0x13, 5, 0, 5, 100), j(-4)};

    private final Bus bus = new Bus(new Ram(1 << 20), 1);
    private final DecodeCache decoded = new DecodeCache(bus);
    private final Hart hart = new Hart(0, bus, decoded, TlbConfig.defaults(), () -> 0);

    @BeforeEach
    void runTheCountingLoopUntilItIsTranslated() {
        place(CODE, PLUS_ONE);
        place(OTHER, PLUS_HUNDRED);
        place(TRAP_VECTOR, new int[] {j(0)});
        hart.csr.mtvec = TRAP_VECTOR;
        hart.setPc(CODE);
        for (int slice = 0; slice < 10; slice++) {
            hart.run(997);
        }
        assertThat(decoded.page(CODE).blocks[DecodeCache.slot(CODE)].translated()).as("the loop translated").isTrue();
    }

    private void place(long pa, int[] words) {
        for (int k = 0; k < words.length; k++) {
            bus.ram().store32(pa + 4L * k, words[k]);
        }
    }

    /** x5 gained in 100 more steps of the loop at CODE, which {@code store} has just rewritten. */
    private long countAfter(Consumer<Bus> store) {
        store.accept(bus);
        hart.setPc(CODE);
        long before = hart.register(5);
        hart.run(100);
        return hart.register(5) - before;
    }

    @Test
    void zeroingAFrameDropsTheCodeDecodedFromIt() {
        long gained = countAfter(b -> b.zero(CODE, 4096));

        assertThat(gained).as("no stale addi ran").isZero();
        assertThat(hart.csr.mcause).isEqualTo(Cause.ILLEGAL_INSTRUCTION);
        assertThat(hart.csr.mepc).isEqualTo(CODE);
    }

    static Stream<Arguments> rewrites() {
        byte[] words = new byte[8];
        for (int k = 0; k < 8; k++) {
            words[k] = (byte) (PLUS_HUNDRED[k / 4] >>> (8 * (k % 4)));
        }
        long both = (PLUS_HUNDRED[0] & 0xFFFF_FFFFL) | ((long) PLUS_HUNDRED[1] << 32);
        return Stream.of(
                Arguments.of("copy of a page", (Consumer<Bus>) b -> b.copy(OTHER, CODE, 4096)),
                Arguments.of("write", (Consumer<Bus>) b -> b.write(CODE, words, 0, 8)),
                Arguments.of("store64", (Consumer<Bus>) b -> b.store64(CODE, both)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rewrites")
    void codeRewrittenByAHostStoreRunsAsRewritten(String kind, Consumer<Bus> store) {
        long gained = countAfter(store);

        assertThat(gained).as("x5 gained by 100 steps of the rewritten loop").isEqualTo(50 * 100);
    }
}
