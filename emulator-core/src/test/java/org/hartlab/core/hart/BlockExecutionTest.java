package org.hartlab.core.hart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hartlab.core.hart.InsnWords.b;
import static org.hartlab.core.hart.InsnWords.i;
import static org.hartlab.core.hart.InsnWords.j;
import static org.hartlab.core.hart.InsnWords.r;
import static org.hartlab.core.hart.InsnWords.s;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Block execution (and, once blocks are hot, their bytecode translations) against single-stepping, which an
 * instruction listener forces: a program with side exits, loads, stores and a store that rewrites its own hot
 * loop must reach the same state after every slice either way.
 */
class BlockExecutionTest {
    private static final int ITERATIONS = 3_000; // beyond Block.HOT, so the loop gets translated every round
    private static final int SLICE = 997; // odd, so slices end in the middle of blocks

    @Test
    void blocksAndTranslationsRetireExactlyWhatSingleSteppingDoes() {
        HartFixture blocks = loaded(LOOP);
        HartFixture stepped = loaded(LOOP);
        runSideBySide(blocks, stepped, 250);
        assertThat(blocks.hart().register(16)).as("rounds of the outer loop").isGreaterThan(5);
        assertThat(blocks.hart().register(13)).as("the rewritten increment ran")
                .isGreaterThan(blocks.hart().register(16) * ITERATIONS / 2 + ITERATIONS);
    }

    @Test
    void aBranchTakenAtTheEndOfATranslationLeavesTheBlock() {
        // The block at 4 is addi, bne, csrrs: its translation stops before the CSR access, at the branch.
        int[] program = {
            i(0x13, 5, 0, 17, 0),           //  0: addi x5, x17, 0
            i(0x13, 5, 0, 5, -1),           //  4: addi x5, x5, -1
            b(1, 5, 0, -4),                 //  8: bne x5, x0, 4
            i(0x73, 6, 2, 0, 0x340),        // 12: csrrs x6, mscratch, x0
            i(0x13, 16, 0, 16, 1),          // 16: addi x16, x16, 1
            j(-20),                         // 20: jal x0, 0
        };
        HartFixture blocks = loaded(program);
        HartFixture stepped = loaded(program);
        runSideBySide(blocks, stepped, 30);
        assertThat(blocks.hart().register(16)).as("rounds of the outer loop").isGreaterThan(2);
    }

    @Test
    void aStoreToAPageThatBecameCodeAfterItsStoresWereCachedStillReachesTheDecoder() {
        // The first store caches the data page for stores; running it then makes it code. The second store hits
        // that cached entry, and must still drop the stale decode of the page before the second call.
        int[] program = {
            s(2, 9, 14, 0),                 //  0: sw x14, 0(x9)         addi x13, x13, 1
            i(0x67, 1, 0, 9, 0),            //  4: jalr x1, 0(x9)
            s(2, 9, 19, 0),                 //  8: sw x19, 0(x9)         addi x13, x13, 100
            i(0x67, 1, 0, 9, 0),            // 12: jalr x1, 0(x9)
            j(0),                           // 16: jal x0, 16
        };
        HartFixture f = loaded(program);
        f.place(HartFixture.DATA + 4, i(0x67, 0, 0, 1, 0)); // jalr x0, 0(x1)
        f.hart().setRegister(13, 0);
        f.hart().setRegister(14, i(0x13, 13, 0, 13, 1));
        f.hart().setRegister(19, i(0x13, 13, 0, 13, 100));
        f.hart().run(20);
        assertThat(f.hart().register(13)).as("the first call's increment, then the rewritten one").isEqualTo(101);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void randomLoopsTranslatedAsRegionsRetireExactlyWhatSingleSteppingDoes(long seed) {
        int[] program = randomProgram(new Random(seed));
        HartFixture blocks = loaded(program);
        HartFixture stepped = loaded(program);
        for (HartFixture f : List.of(blocks, stepped)) {
            int[] handler = { // skips the faulting instruction
                i(0x73, 30, 2, 0, 0x341),   // csrrs x30, mepc, x0
                i(0x13, 30, 0, 30, 4),      // addi x30, x30, 4
                i(0x73, 0, 1, 30, 0x341),   // csrrw x0, mepc, x30
                0x30200073,                 // mret
            };
            for (int k = 0; k < handler.length; k++) {
                f.place(HartFixture.TRAP_VECTOR + 4L * k, handler[k]);
            }
        }
        // A trap's mret ends the slice, so slices are counted until enough instructions retired.
        int slices = 0;
        while (blocks.hart().instret() < 300_000 && slices < 100_000) {
            runSideBySide(blocks, stepped, 1);
            slices++;
        }
        assertThat(blocks.hart().instret()).as("instructions retired in %d slices", slices).isGreaterThanOrEqualTo(300_000);
    }

    /**
     * A page of random integer code that loops: ALU operations, loads and stores around x9 (some misaligned, some
     * faulting at address 0), branches to anywhere in the program and forward jumps, ending with a jump back to the
     * start. Its blocks get hot, so regions with inner loops, side exits and traps form.
     */
    private static int[] randomProgram(Random random) {
        int n = 40;
        int[] program = new int[n];
        int[][] alu = {{0, 0}, {0, 0x20}, {4, 0}, {6, 0}, {7, 0}, {1, 0}, {5, 0}, {5, 0x20}, {0, 1}, {2, 0}, {3, 0}};
        for (int k = 0; k < n - 1; k++) {
            int rd = 11 + random.nextInt(10);
            int rs1 = random.nextInt(4) == 0 ? 0 : 11 + random.nextInt(10);
            int rs2 = 11 + random.nextInt(10);
            program[k] = switch (random.nextInt(12)) {
                case 0, 1, 2, 3 -> {
                    int[] op = alu[random.nextInt(alu.length)];
                    boolean word = (op[0] == 0 || op[0] == 1 || op[0] == 5) && random.nextBoolean(); // addw … mulw
                    yield r(word ? 0x3B : 0x33, rd, op[0], rs1, rs2, op[1]);
                }
                case 4, 5 -> i(0x13, rd, 0, rs1, random.nextInt(4096) - 2048);
                case 6 -> i(0x03, rd, random.nextInt(7), 9, random.nextInt(2040));
                case 7 -> s(random.nextInt(4), 9, rs2, random.nextInt(2040));
                case 8 -> random.nextInt(3) == 0 ? i(0x03, rd, 2, 0, 16) // lw from address 16: an access fault
                        : i(0x13, rd, 0, rs1, random.nextInt(64));
                case 9, 10 -> b(new int[] {0, 1, 4, 5, 6, 7}[random.nextInt(6)], rs1, rs2,
                        (random.nextInt(n) - k) * 4);
                default -> j((k + 1 + random.nextInt(n - 1 - k) - k) * 4);
            };
        }
        program[n - 1] = j(-(n - 1) * 4);
        return program;
    }

    /** Runs {@code stepped} one instruction at a time and {@code blocks} in blocks, comparing after each slice. */
    private static void runSideBySide(HartFixture blocks, HartFixture stepped, int slices) {
        stepped.hart().setInstructionListener((h, i) -> { });
        for (int slice = 0; slice < slices; slice++) {
            assertThat(blocks.hart().run(SLICE)).isEqualTo(stepped.hart().run(SLICE));
            assertThat(blocks.hart().pc()).as("pc after slice %d", slice).isEqualTo(stepped.hart().pc());
            assertThat(blocks.hart().instret()).isEqualTo(stepped.hart().instret());
            for (int r = 1; r < 32; r++) {
                assertThat(blocks.hart().register(r)).as("x%d after slice %d", r, slice)
                        .isEqualTo(stepped.hart().register(r));
            }
        }
    }

    /** {@code program} at hart 0's code address, with the registers both programs use set. */
    private static HartFixture loaded(int[] program) {
        HartFixture f = HartFixture.oneHart();
        long code = HartFixture.code(0);
        for (int k = 0; k < program.length; k++) {
            f.place(code + 4L * k, program[k]);
        }
        Hart h = f.hart();
        h.setRegister(6, 0x853c49e6748fea9bL);
        h.setRegister(7, 6364136223846793005L);
        h.setRegister(8, 1442695040888963407L);
        h.setRegister(9, HartFixture.DATA);
        h.setRegister(14, i(0x13, 13, 0, 13, 2));
        h.setRegister(18, i(0x13, 13, 0, 13, 2) ^ i(0x13, 13, 0, 13, 1));
        h.setRegister(15, code);
        h.setRegister(17, ITERATIONS);
        return f;
    }

    /**
     * An LCG loop with a side exit, loads and stores, and a store that rewrites an instruction of the loop with a
     * different word every round, so a block decoded before the store and run after it shows.
     */
    private static final int[] LOOP = {
        r(0x33, 5, 0, 17, 0, 0),     //  0: add x5, x17, x0        iterations
        r(0x33, 6, 0, 6, 7, 1),      //  4: loop: mul x6, x6, x7
        r(0x33, 6, 0, 6, 8, 0),      //  8: add x6, x6, x8
        s(3, 9, 6, 0),               // 12: sd x6, 0(x9)
        i(0x03, 10, 3, 9, 0),        // 16: ld x10, 0(x9)
        r(0x33, 11, 4, 11, 10, 0),   // 20: xor x11, x11, x10
        i(0x13, 12, 7, 6, 1),        // 24: andi x12, x6, 1
        b(0, 12, 0, 8),              // 28: beq x12, x0, 36        the side exit
        i(0x13, 13, 0, 13, 1),       // 32: addi x13, x13, 1       rewritten by the store at 44
        i(0x13, 5, 0, 5, -1),        // 36: addi x5, x5, -1
        b(1, 5, 0, -36),             // 40: bne x5, x0, loop
        s(2, 15, 14, 32),            // 44: sw x14, 32(x15)        +2 in odd rounds, +1 in even ones
        r(0x33, 14, 4, 14, 18, 0),   // 48: xor x14, x14, x18      flips the word between the two
        i(0x13, 16, 0, 16, 1),       // 52: addi x16, x16, 1       rounds
        j(-56),                      // 56: jal x0, 0
    };
}
