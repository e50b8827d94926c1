package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.elf.ElfReader;
import org.hartlab.core.hart.Hart;
import org.hartlab.mmu.TlbStatistics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Blocks, translated regions, micro-TLBs and the fetch memo change how fast a hart runs, never what it does: the
 * same stretch of a bundled benchmark run at full speed and instruction by instruction (an instruction listener
 * turns every shortcut off) ends with the same pc, registers, retired count and TLB statistics, the hits the
 * shortcuts served counted as the TLB would have counted them.
 */
class TranslationExactnessTest {
    private static final long INSTRUCTIONS = 12_000_000;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"callmix-sv39", "intmix-sv39", "pointer-chase-sv39", "callmix"})
    void fullSpeedAndSingleSteppingAgree(String program) throws Exception {
        Hart fast = run(program, false);
        Hart stepped = run(program, true);
        assertThat(fast.instret()).as("retired").isEqualTo(stepped.instret()).isPositive();
        assertThat(fast.pc()).as("pc").isEqualTo(stepped.pc());
        for (int r = 1; r < 32; r++) {
            assertThat(fast.register(r)).as("x%d", r).isEqualTo(stepped.register(r));
        }
        TlbStatistics f = fast.mmu().statistics();
        TlbStatistics s = stepped.mmu().statistics();
        assertThat(f).as("TLB statistics").isEqualTo(s);
        if (program.endsWith("-sv39")) {
            assertThat(f.hits()).as("translated accesses were counted").isPositive();
        }
    }

    private static Hart run(String program, boolean stepped) throws Exception {
        Machine machine = new Machine(MachineConfig.defaults(), OutputStream.nullOutputStream());
        machine.load(ElfReader.read(program, bytes(program)));
        Hart hart = machine.harts().getFirst();
        if (stepped) {
            hart.setInstructionListener((h, insn) -> { });
        }
        machine.run(INSTRUCTIONS);
        return hart;
    }

    private static byte[] bytes(String program) throws IOException {
        try (InputStream in = TranslationExactnessTest.class.getResourceAsStream("/bench/" + program + ".elf")) {
            assertThat(in).as("bundled %s", program).isNotNull();
            return in.readAllBytes();
        }
    }
}
