package org.hartlab.benchmarks;

import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.RunResult;
import org.hartlab.core.engine.Engine;
import org.hartlab.kernel.Kernel;
import org.hartlab.kernel.Programs;
import org.hartlab.kernel.vm.CowStrategy;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * COW faults with TLB shootdowns: each invocation boots the kernel on four harts under the parallel engine and runs
 * cow-race (threads A, B, C on three harts), two-stage strategy. The {@code copies} counter, reported in copies per
 * second, inverts to host time per COW copy (guest work between faults included, as in {@code hartlab bench cow}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class CowFaultBenchmark {
    private static final int ITERATIONS = 50;

    /** COW copies made, which JMH divides by time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Copies {
        public long copies;

        @Setup(Level.Iteration)
        public void reset() {
            copies = 0;
        }
    }

    @Benchmark
    public RunResult cowRace(Copies counter) throws Exception {
        MachineConfig config = MachineConfig.defaults().withHarts(4).withEngine(Engine.Kind.PARALLEL);
        Machine machine = new Machine(config, OutputStream.nullOutputStream());
        Kernel kernel = Kernel.boot(machine, CowStrategy.TWO_STAGE);
        kernel.spawn(Programs.load("cow-race"), List.of("cow-race", Integer.toString(ITERATIONS)), List.of());
        RunResult result = machine.run(Long.MAX_VALUE);
        if (result.outcome() != RunResult.Outcome.EXITED || result.exitCode() != 0) {
            throw new IllegalStateException("cow-race did not exit cleanly: " + result);
        }
        counter.copies += kernel.statistics().cowCopies();
        return result;
    }
}
