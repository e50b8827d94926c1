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
 * A region holds a call's return point, and the block there, once hot, runs the caller's region entered at that
 * member instead of a translation of its own: a call-heavy loop is one class for HotSpot, not one per return.
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

    private final Bus bus = new Bus(new Ram(1 << 20), 1);
    private final DecodeCache decoded = new DecodeCache(bus);
    private final Hart hart = new Hart(0, bus, decoded, TlbConfig.defaults(), () -> 0);

    @Test
    void theReturnPointRunsTheCallersRegionEnteredThere() {
        for (int k = 0; k < PROGRAM.length; k++) {
            bus.ram().store32(CODE + 4L * k, PROGRAM[k]);
        }
        hart.setPc(CODE);
        hart.setRegister(6, CALLS);
        for (int slice = 0; slice < 100 && hart.pc() != CODE + 12; slice++) {
            hart.run(997);
        }
        assertThat(hart.pc()).as("the loop ran to its end").isEqualTo(CODE + 12);
        assertThat(hart.register(5)).as("every call counted once").isEqualTo(CALLS);

        CodePage page = decoded.page(CODE);
        Block.Translation caller = page.blocks[DecodeCache.slot(CODE)].compiled(page, 0);
        Block.Translation returnPoint = page.blocks[DecodeCache.slot(CODE + 4)].compiled(page, 4);
        assertThat(caller).as("the call's block translated").isNotNull();
        assertThat(returnPoint).as("the return point's block translated").isNotNull();
        assertThat(returnPoint.code()).as("the caller's region").isSameAs(caller.code());
        assertThat(returnPoint.entry()).as("entered at its own member").isEqualTo(caller.code().entryAt(4))
                .isPositive();
    }
}
