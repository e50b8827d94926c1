package org.hartlab.core.hart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.RunResult;
import org.hartlab.core.aclint.Mswi;
import org.hartlab.core.aclint.Mtimer;
import org.hartlab.core.aclint.Sswi;
import org.hartlab.core.bus.Ram;
import org.hartlab.core.elf.ElfImage;
import org.hartlab.core.fuzz.SeededFuzzer;
import org.junit.jupiter.api.Test;

/**
 * Guest code cannot crash the emulator: whatever bytes a hart executes — random instruction streams, jumps into
 * unmapped or device memory, misaligned accesses, AMOs on devices, CSR writes, self-modifying code — the run ends
 * in one of {@link RunResult}'s outcomes and the harts stay in an architectural state.
 *
 * <p>An input is a 3-byte header and then the code, loaded at {@link Ram#BASE} (at most {@link #WINDOW} bytes):
 * <pre>
 *   byte 0   bit 0: two harts   bit 1: start in S-mode under Sv39, the code's first page as root page table
 *            bit 2: delegate every exception and interrupt to S-mode   bit 3: enable every interrupt
 *   byte 1-2 little-endian offset of mtvec (and stvec) into the code; bit 0 selects vectored mode
 * </pre>
 * The registers start at addresses worth touching (RAM, its end, a page and a chunk boundary, each ACLINT
 * device, HTIF's tohost, nothing), so that loads, stores and jumps through them reach those places.
 * Regression inputs: {@code src/test/resources/org/hartlab/core/hart/InterpreterFuzzTestInputs/}.
 */
class InterpreterFuzzTest {
    private static final int HEADER = 3;
    private static final int WINDOW = 0x2000;
    private static final long TOHOST = Ram.BASE + WINDOW;
    private static final long FROMHOST = TOHOST + 8;
    private static final int RAM_MIB = 2;
    private static final long STEPS = 5_000;
    /** Far beyond what {@link #STEPS} take: a run still going then is a hang (the interpreter spins). */
    private static final Duration HANG = Duration.ofSeconds(5);
    private static final long[] POINTERS = {
        Ram.BASE, Ram.BASE + 0x800, Ram.BASE + 0xFFD, TOHOST, Ram.BASE + (1 << 20) - 3,
        Ram.BASE + ((long) RAM_MIB << 20) - 4, Mswi.BASE, Mswi.BASE + 4, Mtimer.BASE, Mtimer.BASE + 0x7FF8,
        Sswi.BASE, 0, -8, 0x1000, 0x8000_0000_0000_0000L,
    };

    /** In every build: 1_000 inputs mutated from the committed ones (see {@link SeededFuzzer}). */
    @Test
    void seededMutationsOfTheCommittedInputsKeepTheProperty() {
        SeededFuzzer fuzzer = new SeededFuzzer(InterpreterFuzzTest.class,
                "anyCodeEndsInAnOutcomeAndNeverInAJavaException", 0x2003);
        assertThat(fuzzer.corpusSize()).as("committed regression inputs").isPositive();
        fuzzer.run(1_000, this::anyCodeEndsInAnOutcomeAndNeverInAJavaException);
    }

    @FuzzTest(maxDuration = "5m")
    void anyCodeEndsInAnOutcomeAndNeverInAJavaException(byte[] input) throws Exception {
        if (input.length < HEADER) {
            return;
        }
        int flags = input[0];
        int vector = (input[1] & 0xFF | (input[2] & 0xFF) << 8) % WINDOW;
        byte[] code = Arrays.copyOfRange(input, HEADER, Math.min(input.length, HEADER + WINDOW));
        int harts = (flags & 1) != 0 ? 2 : 1;
        Machine machine = new Machine(MachineConfig.defaults().withHarts(harts).withRamMiB(RAM_MIB).withQuantum(50),
                OutputStream.nullOutputStream());
        machine.load(new ElfImage("fuzz", Ram.BASE, List.of(new ElfImage.Segment(Ram.BASE, Ram.BASE, code, WINDOW, 7)),
                OptionalLong.of(TOHOST), OptionalLong.of(FROMHOST), 0, 0, 0));
        for (Hart hart : machine.harts()) {
            prepare(hart, flags, Ram.BASE + vector);
        }

        RunResult result = assertTimeoutPreemptively(HANG, () -> machine.run(STEPS), "hang");

        assertThat(result.outcome()).isIn(EnumSet.of(RunResult.Outcome.EXITED, RunResult.Outcome.INSTRUCTION_LIMIT,
                RunResult.Outcome.DEADLOCK));
        for (Hart hart : machine.harts()) {
            assertThat(hart.register(0)).isZero();
            assertThat(hart.privilege()).isIn(Privilege.USER, Privilege.SUPERVISOR, Privilege.MACHINE);
            assertThat(hart.pc() & 1).as("pc alignment").isZero();
        }
    }

    private static void prepare(Hart hart, int flags, long vector) {
        for (int r = 1; r < 32; r++) {
            if (r != 10) { // a0 = hartid, as loaded
                hart.setRegister(r, POINTERS[r % POINTERS.length]);
            }
        }
        CsrFile csrs = hart.csrs();
        csrs.write(Csr.MTVEC, vector);
        csrs.write(Csr.STVEC, vector);
        if ((flags & 4) != 0) {
            csrs.write(Csr.MEDELEG, -1);
            csrs.write(Csr.MIDELEG, -1);
        }
        if ((flags & 8) != 0) {
            csrs.write(Csr.MIE, -1);
            csrs.write(Csr.MSTATUS, Mstatus.MIE | Mstatus.SIE);
        }
        if ((flags & 2) != 0) {
            csrs.write(Csr.SATP, 8L << 60 | Ram.BASE >>> 12);
            hart.enterSupervisor(Ram.BASE);
        }
    }
}
