package org.hartlab.kernel.vm;

import static org.assertj.core.api.Assertions.assertThat;

import org.hartlab.core.bus.Bus;
import org.hartlab.core.bus.Ram;
import org.hartlab.core.hart.Cause;
import org.hartlab.core.hart.Csr;
import org.hartlab.core.hart.Hart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The kernel's stores into guest memory (zeroing a frame it hands out, copyout) are seen as a hart's would be:
 * code decoded from what they overwrite is dropped, and a reservation on a word they write is broken. The hart runs
 * in M-mode without translation, so its code and data are the frames' physical addresses.
 */
@ExtendWith(InvariantsHold.class)
class KernelStoresTest {
    private static final long VA = 0x40_0000L;
    private static final long TRAP_VECTOR = Ram.BASE + 0x2000;
    private static final long LR_SC = Ram.BASE + 0x3000;
    private static final int JUMP_TO_SELF = 0x0000_006F;
    /** addi x5, x5, 1; jal x0, -4: counts in x5 forever. */
    private static final byte[] PLUS_ONE = words(0x0012_8293, 0xFFDF_F06F);
    /** addi x5, x5, 100; jal x0, -4. */
    private static final byte[] PLUS_HUNDRED = words(0x0642_8293, 0xFFDF_F06F);

    private final VmFixture f = new VmFixture(CowStrategy.TWO_STAGE);
    private final Hart hart = f.hart;
    private final Bus bus = f.machine.bus();

    KernelStoresTest() {
        bus.write(TRAP_VECTOR, words(JUMP_TO_SELF), 0, 4);
        bus.write(LR_SC, words(0x1003_22AF, 0x1873_242F), 0, 8); // lr.w x5, (x6); sc.w x8, x7, (x6)
        hart.csrs().write(Csr.MTVEC, TRAP_VECTOR);
    }

    private static byte[] words(int... words) {
        byte[] bytes = new byte[4 * words.length];
        for (int k = 0; k < bytes.length; k++) {
            bytes[k] = (byte) (words[k / 4] >>> (8 * (k % 4)));
        }
        return bytes;
    }

    /** Runs the loop at {@code pa} for {@code slices} slices of 997 steps; returns how much x5 grew. */
    private long count(long pa, int slices) {
        hart.setPc(pa);
        long before = hart.register(5);
        for (int k = 0; k < slices; k++) {
            hart.run(997);
        }
        return hart.register(5) - before;
    }

    @Test
    void aFrameHandedOutAgainRunsNoneOfTheCodeDecodedFromIt() {
        VmPage page = f.pages.allocate();
        long pa = page.physicalAddress();
        bus.write(pa, PLUS_ONE, 0, PLUS_ONE.length);
        assertThat(count(pa, 10)).as("the loop ran, hot enough to be translated").isGreaterThan(4_000);
        f.pages.release(page);

        VmPage again = f.pages.allocate();

        assertThat(again).as("the frame just freed is handed out first").isSameAs(page);
        assertThat(count(pa, 1)).as("no stale addi ran on the zeroed frame").isZero();
        assertThat(hart.csrs().read(Csr.MCAUSE)).isEqualTo(Cause.ILLEGAL_INSTRUCTION);
        assertThat(hart.csrs().read(Csr.MEPC)).isEqualTo(pa);
        f.pages.release(again);
    }

    @Test
    void copyoutOverCodeRunsTheCodeCopiedOut() throws UserMemory.Fault {
        VmMap map = f.newMap(1);
        map.insert(VA, VA + VmMap.PAGE, Prot.READ | Prot.WRITE, "code");
        UserMemory memory = new UserMemory(map, bus, hart);
        memory.write(VA, PLUS_ONE);
        long pa = map.pmap().extract(VA);
        assertThat(count(pa, 10)).isGreaterThan(4_000);

        memory.write(VA, PLUS_HUNDRED);

        assertThat(count(pa, 1)).as("x5 after 997 steps of the loop copied out").isEqualTo(100 * 498 + 100);
        f.destroy(map);
    }

    @Test
    void aCopyoutOfTheSameValueOverAReservedWordMakesTheScFail() throws UserMemory.Fault {
        VmMap map = f.newMap(1);
        map.insert(VA, VA + VmMap.PAGE, Prot.READ | Prot.WRITE, "data");
        UserMemory memory = new UserMemory(map, bus, hart);
        memory.write(VA, words(0x1234_5678));
        hart.setRegister(6, map.pmap().extract(VA));
        hart.setRegister(7, 0x0BAD_F00D);
        hart.setPc(LR_SC);

        hart.run(1);
        memory.write(VA, words(0x1234_5678));
        hart.run(1);

        assertThat(hart.register(8)).as("SC's rd: 1 for failure").isEqualTo(1);
        assertThat(memory.read(VA, 4)).isEqualTo(words(0x1234_5678));
        f.destroy(map);
    }
}
