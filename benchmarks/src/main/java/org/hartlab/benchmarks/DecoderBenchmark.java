package org.hartlab.benchmarks;

import java.util.concurrent.TimeUnit;
import org.hartlab.core.hart.Decoder;
import org.hartlab.core.hart.Insn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The decoder, which runs on every decoded-instruction cache miss (a block's first run, or after a store to code):
 * nanoseconds per instruction over a mix of 32-bit and compressed integer, memory, jump and system encodings.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DecoderBenchmark {
    /** add, addi, ld, sd, beq, jal, lui, mul, csrrs, and compressed c.addi, c.ld, c.j, c.mv. */
    private static final int[] WORDS = {
        0x007302B3, 0x00130293, 0x00033283, 0x00733023, 0x00628463, 0x008000EF, 0x123452B7, 0x027302B3,
        0x340022F3, 0x0285, 0x6618, 0xA011, 0x82AA,
    };

    private int next;

    @Benchmark
    public Insn decode() {
        int i = next;
        next = i + 1 == WORDS.length ? 0 : i + 1;
        return Decoder.decode(WORDS[i]);
    }
}
