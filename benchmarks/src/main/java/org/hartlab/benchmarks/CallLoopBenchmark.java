package org.hartlab.benchmarks;

import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.bus.Ram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Translated code around calls and returns: a loop that calls a short function on the same page, whose return
 * (a JALR to the call's return point, a member of the region) jumps within the region's method; until it did, every
 * return left the region and came back through the interpreter's dispatch (0.85 ms, against 0.35 since).
 * Milliseconds per million guest instructions on one warm hart.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CallLoopBenchmark {
    private static final long INSTRUCTIONS = 1_000_000;
    private static final int[] PROGRAM = {
        0x0100_00ef, //  0: jal ra, 16        (call f)
        0x0013_0313, //  4: addi t1, t1, 1    (the return point)
        0x0053_7393, //  8: andi t2, t1, 5
        0xff5f_f06f, // 12: jal x0, -12       (to the call)
        0x0072_8293, // 16: f: addi t0, t0, 7
        0x0062_c2b3, // 20: xor t0, t0, t1
        0x0000_8067, // 24: jalr x0, 0(ra)    (ret)
    };

    private Machine machine;

    @Setup
    public void load() {
        machine = new Machine(MachineConfig.defaults(), OutputStream.nullOutputStream());
        for (int k = 0; k < PROGRAM.length; k++) {
            machine.bus().ram().store32(Ram.BASE + 4L * k, PROGRAM[k]);
        }
        machine.harts().getFirst().setPc(Ram.BASE);
    }

    @Benchmark
    public long callsAndReturns() {
        return machine.run(INSTRUCTIONS).instructions();
    }
}
