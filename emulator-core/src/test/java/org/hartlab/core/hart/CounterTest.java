package org.hartlab.core.hart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hartlab.core.hart.InsnWords.b;
import static org.hartlab.core.hart.InsnWords.csr;
import static org.hartlab.core.hart.InsnWords.i;
import static org.hartlab.core.hart.InsnWords.j;
import static org.hartlab.core.hart.InsnWords.r;

import org.hartlab.core.bus.Bus;
import org.hartlab.core.bus.Ram;
import org.hartlab.mmu.TlbConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Counter CSRs read and written inside loops give exactly what stepping one instruction at a time gives, on each
 * way a hart runs code: single-stepped (an instruction listener forces it), as interpreted blocks (a loop run fewer
 * times than {@link Block#HOT}) and as translated regions (a loop run far more often). Each loop checks its own
 * counts and ORs any error into x28.
 */
class CounterTest {
    private static final long CODE = Ram.BASE + 0x1000;
    private static final int NOP = i(0x13, 0, 0, 0, 0);
    private static final int COLD = 50;
    private static final int HOT = 3 * Block.HOT;
    private static final int ERRORS = 28;
    private static final int COUNT = 17;

    private enum Path { STEPPED, BLOCKS, TRANSLATED }

    private final Bus bus = new Bus(new Ram(1 << 20), 1);
    private final DecodeCache decoded = new DecodeCache(bus);
    private final Hart hart = new Hart(0, bus, decoded, TlbConfig.defaults(), () -> 0);

    /** csrr; three nops; csrr; the difference must be 4. */
    private static int[] readLoop(int counter) {
        return new int[] {
            csr(5, 2, 0, counter),          //  0: csrrs x5, counter, x0
            NOP,                            //  4
            NOP,                            //  8
            NOP,                            // 12
            csr(6, 2, 0, counter),          // 16: csrrs x6, counter, x0
            r(0x33, 7, 0, 6, 5, 0x20),      // 20: sub x7, x6, x5
            i(0x13, 7, 0, 7, -4),           // 24: addi x7, x7, -4
            r(0x33, ERRORS, 6, ERRORS, 7, 0), // 28: or x28, x28, x7
            i(0x13, COUNT, 0, COUNT, -1),   // 32: addi x17, x17, -1
            b(1, COUNT, 0, -36),            // 36: bne x17, x0, 0
            j(0),                           // 40: done: jal x0, 40
        };
    }

    /** Three nops; csrw 0; csrr: the write's own instruction does not count, so the read must give 0. */
    private static int[] writeLoop(int counter) {
        return new int[] {
            NOP,                            //  0
            NOP,                            //  4
            NOP,                            //  8
            csr(0, 1, 0, counter),          // 12: csrrw x0, counter, x0
            csr(5, 2, 0, counter),          // 16: csrrs x5, counter, x0
            r(0x33, ERRORS, 6, ERRORS, 5, 0), // 20: or x28, x28, x5
            i(0x13, COUNT, 0, COUNT, -1),   // 24: addi x17, x17, -1
            b(1, COUNT, 0, -28),            // 28: bne x17, x0, 0
            j(0),                           // 32: done: jal x0, 32
        };
    }

    @ParameterizedTest(name = "{0} on the {1} path")
    @CsvSource({
        "mcycle, STEPPED", "mcycle, BLOCKS", "mcycle, TRANSLATED",
        "minstret, STEPPED", "minstret, BLOCKS", "minstret, TRANSLATED",
        "cycle, STEPPED", "cycle, BLOCKS", "cycle, TRANSLATED",
        "instret, STEPPED", "instret, BLOCKS", "instret, TRANSLATED",
    })
    void aCounterReadCountsEveryInstructionBeforeIt(String counter, Path path) {
        assertThat(errors(readLoop(number(counter)), path, 4)).as("OR of (difference - 4) over every iteration")
                .isZero();
    }

    @ParameterizedTest(name = "{0} on the {1} path")
    @CsvSource({
        "mcycle, STEPPED", "mcycle, BLOCKS", "mcycle, TRANSLATED",
        "minstret, STEPPED", "minstret, BLOCKS", "minstret, TRANSLATED",
    })
    void aCounterWriteIsWhatTheNextInstructionReads(String counter, Path path) {
        assertThat(errors(writeLoop(number(counter)), path, 0)).as("OR of every read right after the write of 0")
                .isZero();
    }

    private static int number(String counter) {
        return switch (counter) {
            case "mcycle" -> Csr.MCYCLE;
            case "minstret" -> Csr.MINSTRET;
            case "cycle" -> Csr.CYCLE;
            default -> Csr.INSTRET;
        };
    }

    /**
     * Loads {@code program}, runs it to its final self-loop in slices as an engine would, checks that the block at
     * page offset {@code translatedOffset} ran as {@code path} says, and returns the errors the loop found (x28).
     */
    private long errors(int[] program, Path path, int translatedOffset) {
        for (int k = 0; k < program.length; k++) {
            bus.ram().store32(CODE + 4L * k, program[k]);
        }
        long done = CODE + 4L * (program.length - 1);
        hart.setPc(CODE);
        hart.setRegister(COUNT, path == Path.TRANSLATED ? HOT : COLD);
        if (path == Path.STEPPED) {
            hart.setInstructionListener((h, insn) -> { });
        }
        for (int slice = 0; slice < 10 * HOT && hart.pc() != done; slice++) {
            hart.run(997);
        }
        assertThat(hart.pc()).as("the loop ran to its end").isEqualTo(done);
        assertThat(hart.register(COUNT)).isZero();
        assertTranslated(path, translatedOffset);
        return hart.register(ERRORS);
    }

    /** The block at page offset {@code offset}, between the counter accesses, ran translated exactly when hot. */
    private void assertTranslated(Path path, int offset) {
        Block block = decoded.page(CODE).blocks[DecodeCache.slot(CODE + offset)];
        if (path == Path.STEPPED) {
            assertThat(block).as("stepping builds no blocks").isNull();
        } else {
            assertThat(block.translated()).as("block at +%d translated", offset).isEqualTo(path == Path.TRANSLATED);
        }
    }
}
