package org.hartlab.core.hart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hartlab.core.hart.InsnWords.b;
import static org.hartlab.core.hart.InsnWords.i;
import static org.hartlab.core.hart.InsnWords.j;

import org.hartlab.core.bus.Bus;
import org.hartlab.core.bus.Ram;
import org.hartlab.mmu.TlbConfig;
import org.junit.jupiter.api.Test;

/**
 * A region holds a call's return point, and the block there runs the caller's region entered at that member
 * instead of a translation of its own: a call-heavy loop is one class for HotSpot, not one per return, and its
 * returns jump within that class. A block
 * that one region translates is translated by no other: a second loop through it leaves its own region for it.
 */
class RegionEntryTest {
    private static final long CODE = Ram.BASE + 0x1000;
    private static final int CALLS = 3 * Block.HOT;
    private static final int RA = 1;
    private static final int[] PROGRAM = {
        j(16) | RA << 7,          //  0: jal ra, f
        i(0x13, 6, 0, 6, -1),     //  4: addi x6, x6, -1    (the call's return point)
        b(1, 6, 0, -8),           //  8: bne x6, x0, 0
        j(0),                     // 12: done: jal x0, 12
        i(0x13, 5, 0, 5, 1),      // 16: f: addi x5, x5, 1
        i(0x67, 0, 0, RA, 0)};    // 20: jalr x0, 0(ra)

    /** Two loops through one shared block S: the first (x9 = 0) returns from S to C, the second to E. */
    private static final int[] SHARED = {
        i(0x13, 6, 0, 6, -1),     //  0: A: addi x6, x6, -1
        j(28),                    //  4:    jal x0, S
        b(1, 6, 0, -8),           //  8: C: bne x6, x0, A
        j(0),                     // 12:    jal x0, 12      (first loop done)
        i(0x13, 8, 0, 8, -1),     // 16: D: addi x8, x8, -1
        j(12),                    // 20:    jal x0, S
        b(1, 8, 0, -8),           // 24: E: bne x8, x0, D
        j(0),                     // 28:    jal x0, 28      (second loop done)
        i(0x13, 5, 0, 5, 1),      // 32: S: addi x5, x5, 1
        b(1, 9, 0, -12),          // 36:    bne x9, x0, E
        j(-32)};                  // 40:    jal x0, C

    private final Bus bus = new Bus(new Ram(1 << 20), 1);
    private final DecodeCache decoded = new DecodeCache(bus);
    private final Hart hart = new Hart(0, bus, decoded, TlbConfig.defaults(), () -> 0);

    @Test
    void theReturnPointRunsTheCallersRegionEnteredThere() {
        CodePage page = warmUp(PROGRAM, CODE + 12);
        assertThat(hart.register(5)).as("every call counted once").isEqualTo(CALLS);

        Block.Translation caller = page.blocks[DecodeCache.slot(CODE)].compiled(page, 0);
        Block.Translation returnPoint = page.blocks[DecodeCache.slot(CODE + 4)].compiled(page, 4);
        assertThat(caller).as("the call's block translated").isNotNull();
        assertThat(returnPoint).as("the return point's block translated").isNotNull();
        assertThat(returnPoint.code()).as("the caller's region").isSameAs(caller.code());
        assertThat(returnPoint.entry()).as("entered at its own member").isEqualTo(caller.code().entryAt(4))
                .isPositive();
        Block.Translation callee = page.blocks[DecodeCache.slot(CODE + 16)].compiled(page, 16);
        assertThat(callee.code()).as("the callee, a member too, runs the caller's region").isSameAs(caller.code());
    }

    @Test
    void aReturnToAMemberStaysInTheRegion() {
        CodePage page = warmUp(PROGRAM, CODE + 12);
        Block.Translation caller = page.blocks[DecodeCache.slot(CODE)].compiled(page, 0);

        int iterations = 50;
        hart.setPc(CODE);
        hart.setRegister(6, iterations);
        int done = caller.run(hart, 5 * iterations + 100);
        assertThat(done).as("jal, f's two instructions, addi and bne, each time, in one call")
                .isGreaterThanOrEqualTo(5 * iterations);
        assertThat(hart.pc()).as("left only at the loop's end").isEqualTo(CODE + 12);
        assertThat(hart.register(6)).isZero();
        assertThat(hart.register(5)).isEqualTo(CALLS + iterations);
    }

    @Test
    void aBlockOneRegionTranslatesIsTranslatedByNoOther() {
        CodePage page = warmUp(SHARED, CODE + 12);
        Block shared = page.blocks[DecodeCache.slot(CODE + 32)];
        CompiledBlock first = page.blocks[DecodeCache.slot(CODE)].compiled(page, 0).code();
        assertThat(shared.translated()).as("S translated with the first loop, before it was hot itself").isTrue();
        assertThat(shared.compiled(page, 32).code()).as("S runs the first loop's region").isSameAs(first);

        hart.setPc(CODE + 16);
        hart.setRegister(8, CALLS);
        hart.setRegister(9, 1);
        runUntil(CODE + 28);
        assertThat(hart.register(5)).as("both loops went through S every time").isEqualTo(2L * CALLS);
        CompiledBlock second = page.blocks[DecodeCache.slot(CODE + 16)].compiled(page, 16).code();
        assertThat(second).as("the second loop has a region of its own").isNotSameAs(first);
        assertThat(second.entryAt(32)).as("which does not translate S again").isNegative();
        assertThat(shared.compiled(page, 32).code()).as("S still runs the first loop's region").isSameAs(first);
    }

    /** Runs {@code program} from its start with x6 = {@link #CALLS} until pc is {@code done}; returns its page. */
    private CodePage warmUp(int[] program, long done) {
        for (int k = 0; k < program.length; k++) {
            bus.ram().store32(CODE + 4L * k, program[k]);
        }
        hart.setPc(CODE);
        hart.setRegister(6, CALLS);
        runUntil(done);
        return decoded.page(CODE);
    }

    private void runUntil(long done) {
        for (int slice = 0; slice < 100 && hart.pc() != done; slice++) {
            hart.run(997);
        }
        assertThat(hart.pc()).as("the loop ran to its end").isEqualTo(done);
    }
}
