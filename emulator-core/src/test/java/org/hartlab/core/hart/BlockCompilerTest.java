package org.hartlab.core.hart;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hartlab.core.bus.Ram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Translated blocks against the interpreter: random runs of translatable instructions execute on two fresh harts,
 * one through {@link Executor}, one through {@link BlockCompiler}'s bytecode, and must leave identical registers,
 * pc, memory and trap.
 */
class BlockCompilerTest {
    /** Ram's allocation unit: pageChunk returns a whole chunk. */
    private static final long CHUNK = 1 << 20;
    private static final MemorySegment ZEROS = MemorySegment.ofArray(new byte[(int) CHUNK]);

    /** Register values worth computing with and addressing through: RAM, its page and chunk edges, nothing. */
    private static final long[] SEEDS = {
        0, 1, -1, 31, 63, 0x7FFF_FFFFL, 0x8000_0000L, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFF_FFFF_8000_0000L,
        HartFixture.DATA, HartFixture.DATA + 0xFFC, HartFixture.DATA + 7, Ram.BASE + (1 << 20) - 4, 0x1000, -8,
    };

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void translatedBlocksMatchTheInterpreter(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            Insn[] block = randomBlock(random);
            HartFixture interpreted = HartFixture.oneHart();
            HartFixture translated = HartFixture.oneHart();
            long[] registers = new long[32];
            for (int r = 1; r < 32; r++) {
                registers[r] = SEEDS[random.nextInt(SEEDS.length)] + (random.nextBoolean() ? 0 : random.nextInt(64));
            }
            Outcome expected = interpret(interpreted.hart(), registers, block);
            Outcome actual = compiled(translated.hart(), registers, block);
            assertThat(actual).as("seed %d round %d block %s", seed, round, List.of(block)).isEqualTo(expected);
            assertThat(firstDifference(translated.ram(), interpreted.ram()))
                    .as("seed %d round %d block %s: first RAM byte that differs", seed, round, List.of(block))
                    .isEqualTo(-1);
        }
    }

    /** The whole of RAM compared, chunk by chunk: the physical address of the first differing byte, or -1. */
    private static long firstDifference(Ram a, Ram b) {
        assertThat(a.size()).isEqualTo(b.size());
        for (long pa = Ram.BASE; pa < Ram.BASE + a.size(); pa += CHUNK) {
            MemorySegment x = a.pageChunk(pa, false);
            MemorySegment y = b.pageChunk(pa, false);
            if (x == null && y == null) {
                continue;
            }
            long at = orZeros(x).mismatch(orZeros(y));
            if (at >= 0) {
                return pa + at;
            }
        }
        return -1;
    }

    /** RAM allocates a chunk on its first store; one never stored to reads as zeros. */
    private static MemorySegment orZeros(MemorySegment chunk) {
        return chunk != null ? chunk : ZEROS;
    }

    @Test
    void blocksStartingWithAnUntranslatableInstructionAreLeftToTheInterpreter() {
        Insn csr = Decoder.decode(HartFixture.word("csrrs x5, fflags, x0"));
        Insn add = Decoder.decode(HartFixture.word("mul x5, x6, x7"));
        assertThat(BlockCompiler.translatableLength(new Insn[] {csr, add})).isZero();
        assertThat(BlockCompiler.translatableLength(new Insn[] {add, csr})).isOne();
    }

    private record Outcome(long[] registers, long pc, int done, int trapCause, long trapValue) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome other && java.util.Arrays.equals(registers, other.registers)
                    && pc == other.pc && done == other.done && trapCause == other.trapCause
                    && trapValue == other.trapValue;
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(registers);
        }

        @Override
        public String toString() {
            return "pc=%x done=%d trap=%d/%x x=%s".formatted(pc, done, trapCause, trapValue,
                    java.util.Arrays.toString(registers));
        }
    }

    /** Straight-line translatable instructions, possibly ending in a jump or branch, as the block builder cuts. */
    private static Insn[] randomBlock(Random random) {
        List<Insn> insns = new ArrayList<>();
        int length = 1 + random.nextInt(12);
        while (insns.size() < length) {
            Insn i = Decoder.decode(randomWord(random));
            boolean last = insns.size() == length - 1;
            // A branch to the next instruction leaves a translation but not the interpreter: both are right,
            // but their instruction counts differ, so such branches are left out.
            boolean branchToNext = i.op() >= Op.BEQ && i.op() <= Op.BGEU && i.imm() == i.length();
            if (BlockCompiler.translatableLength(new Insn[] {i}) == 1 && !branchToNext
                    && (last || !BlockBuilder.endsBlock(i.op()))) {
                insns.add(i);
            }
        }
        return insns.toArray(Insn[]::new);
    }

    /** Mostly a random encoding from the table with random free fields, sometimes a random compressed word. */
    private static int randomWord(Random random) {
        if (random.nextInt(4) == 0) {
            return random.nextInt(0x10000);
        }
        Encoding e = Encodings.ALL.get(random.nextInt(Encodings.ALL.size()));
        return (random.nextInt() & ~e.mask()) | e.match();
    }

    private static void prepare(Hart h, long[] registers) {
        for (int r = 1; r < 32; r++) {
            h.setRegister(r, registers[r]);
        }
    }

    private static Outcome interpret(Hart h, long[] registers, Insn[] block) {
        prepare(h, registers);
        int done = 0;
        try {
            while (done < block.length && !h.blockEnd) {
                long expected = h.pc + block[done].length();
                Executor.execute(h, block[done]);
                done++;
                if (h.pc != expected) {
                    break;
                }
            }
        } catch (Trap t) {
            return outcome(h, done, t);
        }
        return outcome(h, done, null);
    }

    private static Outcome compiled(Hart h, long[] registers, Insn[] block) {
        prepare(h, registers);
        CompiledBlock code = BlockCompiler.compile(Region.single(block, block.length));
        try {
            return outcome(h, code.run(h, block.length, 0), null);
        } catch (Trap t) {
            return outcome(h, h.translatedDone, t);
        }
    }

    private static Outcome outcome(Hart h, int done, Trap t) {
        long[] x = new long[32];
        for (int r = 0; r < 32; r++) {
            x[r] = h.register(r);
        }
        return new Outcome(x, h.pc(), done, t == null ? -1 : t.cause(), t == null ? 0 : t.tval());
    }
}
