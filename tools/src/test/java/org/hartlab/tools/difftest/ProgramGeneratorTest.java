package org.hartlab.tools.difftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Programs are a function of their seed, have the requested size, and run to the dump on hartlab. */
class ProgramGeneratorTest {
    @Test
    void sameSeedGivesTheSameElfAndListing() {
        Program first = ProgramGenerator.generate(42, 300);
        Program second = ProgramGenerator.generate(42, 300);
        assertThat(second.elf()).isEqualTo(first.elf());
        assertThat(second.listing()).isEqualTo(first.listing());
    }

    @Test
    void differentSeedsGiveDifferentPrograms() {
        assertThat(ProgramGenerator.generate(1, 300).elf()).isNotEqualTo(ProgramGenerator.generate(2, 300).elf());
    }

    @Test
    void bodyHasAtLeastTheRequestedLengthAndLittleMore() {
        Program p = ProgramGenerator.generate(7, 500);
        assertThat(p.body()).hasSizeBetween(500, 600);
    }

    @Test
    void nonPositiveLengthIsRejected() {
        assertThatThrownBy(() -> ProgramGenerator.generate(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void programsRunToACompleteDumpOnHartlab() {
        for (long seed = 100; seed < 120; seed++) {
            GuestDump dump = DiffRunner.runHartlab(ProgramGenerator.generate(seed, 400));
            assertThat(dump.status()).as("seed " + seed).isEqualTo("exit 0");
            assertThat(dump.words()).as("seed " + seed + " printed: " + dump.raw()).isPresent();
        }
    }

    @Test
    void programsStoreIntermediateResultsInTheTraceArea() {
        Program p = ProgramGenerator.generate(5, 400);
        long[] words = DiffRunner.runHartlab(p).words().orElseThrow();
        long used = Arrays.stream(p.traceLines()).filter(line -> line >= 0).count();
        assertThat(used).isGreaterThan(50);
        for (int slot = 0; slot < GuestDump.RECORD_SLOTS; slot++) {
            if (p.traceLines()[slot] >= 0) {
                assertThat(p.listing().get(p.traceLines()[slot])).contains("sd x")
                        .contains("(x" + p.tracePointer() + ")");
            } else {
                assertThat(words[GuestDump.SAVE_WORDS + slot]).as("unused slot " + slot).isZero();
            }
        }
    }

    /** Runs a hand-written body between the harness's prologue and epilogue on hartlab. */
    private static long[] runBody(long[] initial, int tracePointer, java.util.function.Consumer<Assembler> body) {
        Assembler a = new Assembler(Harness.BASE);
        Harness harness = new Harness();
        harness.prologue(a, initial, tracePointer);
        body.accept(a);
        harness.epilogue(a);
        byte[] elf = harness.link(a, new byte[Harness.SCRATCH_BYTES]);
        List<String> listing = a.lines().stream().map(Assembler.Line::toString).toList();
        Program p = new Program(0, 1, elf, initial, listing, 0, 0, tracePointer, new int[GuestDump.TRACE_WORDS]);
        GuestDump dump = DiffRunner.runHartlab(p);
        assertThat(dump.status()).isEqualTo("exit 0");
        return dump.words().orElseThrow();
    }

    @Test
    void prologueConstantsAreDumpedUnchanged() {
        long[] initial = new long[32];
        long[] edges = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL,
            0xFFFF_FFFF_8000_0000L, 0x7FFL, 0x800L, 0xFFFF_FFFF_FFFF_F800L, 0x1234_5678_9ABC_DEF0L,
            0x8000_0000_0000_0800L, 0x0000_7FFF_FFFF_F800L, 0xDEAD_BEEF_8000_0000L, 1L << 47};
        for (int r = 1; r < 32; r++) {
            initial[r] = r <= edges.length ? edges[r - 1] : 0x0123_4567_89AB_CDEFL * r;
        }
        long[] words = runBody(initial, 31, a -> { });
        for (int r = 1; r < 31; r++) {
            assertThat(words[r]).as("x" + r + " = li 0x%x", initial[r]).isEqualTo(initial[r]);
        }
        assertThat(words[GuestDump.CHECKSUM]).as("checksum of zeroed scratch").isZero();
        assertThat(words[GuestDump.TRAPS]).isZero();
    }

    @Test
    void trapHandlerLogsEachTrapAndResumesAfterTheInstruction() {
        long[] initial = new long[32];
        for (int r = 1; r < 32; r++) {
            initial[r] = r;
        }
        long[] words = runBody(initial, 31, a -> {
            a.emit32(0x0000_0073, "ecall");
            a.emit16(0x0000, ".2byte 0");
            a.emit32(0x0000_7003, ".4byte 0x00007003"); // LOAD funct3 7
            Harness.i(a, Rv.ADDI, 10, 10, 100);
        });
        assertThat(words[GuestDump.TRAPS]).isEqualTo(3);
        int log = GuestDump.SAVE_WORDS + GuestDump.LOG_SLOT;
        long ecallPc = words[log + 1];
        assertThat(new long[] {words[log], words[log + 2], words[log + 3]}).containsExactly(11, 0, 1);
        assertThat(new long[] {words[log + 4], words[log + 5], words[log + 6], words[log + 7]})
                .containsExactly(2, ecallPc + 4, 0, 2);
        assertThat(new long[] {words[log + 8], words[log + 9], words[log + 10], words[log + 11]})
                .containsExactly(2, ecallPc + 6, 0x7003, 3);
        assertThat(words[10]).as("a0 after the traps").isEqualTo(110);
        assertThat(words[5]).as("x5, a handler temporary, restored").isEqualTo(5);
        assertThat(words[6]).as("x6, a handler temporary, restored").isEqualTo(6);
    }
}
