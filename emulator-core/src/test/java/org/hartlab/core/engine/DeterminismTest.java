package org.hartlab.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.RunResult;
import org.hartlab.core.aclint.IpiDelay;
import org.hartlab.core.elf.ElfImage;
import org.hartlab.core.elf.ElfReader;
import org.hartlab.core.trace.TraceDigest;
import org.junit.jupiter.api.Test;

/** The deterministic engine's promise: same program, config and seed → the same run, instruction for instruction. */
class DeterminismTest {
    private record Run(RunResult result, long digest, long instructions) {
    }

    private static Run run(String program, long seed) throws Exception {
        return run(program, seed, ScheduleSpec.UNIFORM);
    }

    private static Run run(String program, long seed, ScheduleSpec schedule) throws Exception {
        MachineConfig config = MachineConfig.defaults().withHarts(4).withSeed(seed).withQuantum(50)
                .withIpiDelay(new IpiDelay(0, 100)).withSchedule(schedule);
        Machine machine = new Machine(config, OutputStream.nullOutputStream());
        machine.load(image(program));
        TraceDigest digest = new TraceDigest();
        machine.harts().forEach(h -> h.setInstructionListener(digest));
        RunResult result = machine.run(50_000_000);
        return new Run(result, digest.value(), digest.instructions());
    }

    private static ElfImage image(String program) throws Exception {
        try (InputStream in = DeterminismTest.class.getResourceAsStream(program)) {
            if (in == null) {
                throw new IOException("missing test resource " + program);
            }
            return ElfReader.read(program, in.readAllBytes());
        }
    }

    @Test
    void sameSeedGivesAnIdenticalInstructionTrace() throws Exception {
        Run first = run("/smp/lrsc-counter.elf", 42);
        Run second = run("/smp/lrsc-counter.elf", 42);
        assertThat(first.result().outcome()).isEqualTo(RunResult.Outcome.EXITED);
        assertThat(first.result().exitCode()).isZero();
        assertThat(second.instructions()).isEqualTo(first.instructions());
        assertThat(second.digest()).isEqualTo(first.digest());
    }

    @Test
    void differentSeedsGiveDifferentInterleavings() throws Exception {
        Run one = run("/smp/lrsc-counter.elf", 1);
        Run two = run("/smp/lrsc-counter.elf", 2);
        assertThat(one.result().exitCode()).isZero();
        assertThat(two.result().exitCode()).isZero();
        assertThat(two.digest()).isNotEqualTo(one.digest());
    }

    @Test
    void interruptDrivenProgramIsReproducibleWithIpiDelays() throws Exception {
        Run first = run("/smp/msip-pingpong.elf", 9);
        Run second = run("/smp/msip-pingpong.elf", 9);
        assertThat(first.result().exitCode()).isZero();
        assertThat(second.digest()).isEqualTo(first.digest());
    }

    /**
     * Digests recorded from the engine as it was before schedules were split out of it: the uniform schedule
     * must make every one of its choices, so that seeds found before replay unchanged.
     */
    @Test
    void uniformScheduleReplaysRunsRecordedBeforeSchedulesExisted() throws Exception {
        Run lrsc = run("/smp/lrsc-counter.elf", 42);
        assertThat(lrsc.instructions()).isEqualTo(412_539);
        assertThat(lrsc.digest()).isEqualTo(0xcc66c21ef40d3034L);
        Run amo = run("/smp/amo-counter.elf", 1);
        assertThat(amo.instructions()).isEqualTo(242_338);
        assertThat(amo.digest()).isEqualTo(0x9404c7ac5a864d43L);
        Run ipi = run("/smp/msip-pingpong.elf", 42);
        assertThat(ipi.digest()).isEqualTo(0xf6c8f144e332c75cL);
    }

    @Test
    void everyScheduleReplaysTheSameSeedInstructionForInstruction() throws Exception {
        for (String text : new String[] {"uniform", "pct", "pct:1", "pct:5:200"}) {
            ScheduleSpec schedule = ScheduleSpec.parse(text);
            for (String program : new String[] {"/smp/lrsc-counter.elf", "/smp/msip-pingpong.elf"}) {
                Run first = run(program, 7, schedule);
                Run second = run(program, 7, schedule);
                assertThat(first.result().exitCode()).as(text + " " + program).isZero();
                assertThat(second.result()).as(text + " " + program).isEqualTo(first.result());
                assertThat(second.instructions()).as(text + " " + program).isEqualTo(first.instructions());
                assertThat(second.digest()).as(text + " " + program).isEqualTo(first.digest());
            }
        }
    }

    @Test
    void pctInterleavesDifferentlyFromUniformAndAcrossSeeds() throws Exception {
        Run uniform = run("/smp/lrsc-counter.elf", 3);
        Run pct = run("/smp/lrsc-counter.elf", 3, ScheduleSpec.PCT);
        Run otherSeed = run("/smp/lrsc-counter.elf", 4, ScheduleSpec.PCT);
        assertThat(pct.result().exitCode()).isZero();
        assertThat(otherSeed.result().exitCode()).isZero();
        assertThat(pct.digest()).isNotEqualTo(uniform.digest()).isNotEqualTo(otherSeed.digest());
    }
}
