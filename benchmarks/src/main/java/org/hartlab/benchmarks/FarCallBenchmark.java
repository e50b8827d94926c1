package org.hartlab.benchmarks;

import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.bus.Ram;
import org.hartlab.core.hart.Csr;
import org.hartlab.core.hart.Hart;
import org.hartlab.mmu.Pte;
import org.hartlab.mmu.Satp;
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
 * Calls and returns across code pages under Sv39, as library code calls do: an S-mode loop on one page calls a
 * short function on each of four other pages in turn, so every call and every return fetches from another page
 * than the last. Milliseconds per million guest instructions on one warm hart (identity-mapped gigapage).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class FarCallBenchmark {
    private static final long INSTRUCTIONS = 1_000_000;
    private static final long ROOT = Ram.BASE + 0x10_0000;
    private static final long LOOP = Ram.BASE + 0x1000;
    private static final int CALLEES = 4;
    private static final int RA = 1;

    private Machine machine;

    @Setup
    public void load() {
        machine = new Machine(MachineConfig.defaults(), OutputStream.nullOutputStream());
        Ram ram = machine.bus().ram();
        // VPN[2] of 0x8000_0000 is 2: one gigapage mapping it onto itself, readable and executable.
        ram.store64(ROOT + 8 * 2, Pte.leaf(Ram.BASE, Pte.R | Pte.W | Pte.X | Pte.A | Pte.D));
        for (int k = 0; k < CALLEES; k++) {
            long callee = LOOP + 0x1000L * (k + 1);
            ram.store32(LOOP + 4L * k, jal(RA, callee - (LOOP + 4L * k)));   // call callee k
            ram.store32(callee, 0x0012_8293);                               // addi t0, t0, 1
            ram.store32(callee + 4, 0x0000_8067);                           // jalr x0, 0(ra)
        }
        ram.store32(LOOP + 4L * CALLEES, jal(0, -4L * CALLEES));            // back to the first call
        Hart hart = machine.harts().getFirst();
        hart.csrs().write(Csr.SATP, Satp.sv39(1, ROOT));
        hart.enterSupervisor(LOOP);
        machine.run(3 * (CALLEES + 1) * 100);
        if (hart.register(5) < 200 || hart.pc() < LOOP || hart.pc() >= LOOP + 0x1000L * (CALLEES + 1)) {
            throw new IllegalStateException("far-call loop did not run: t0=" + hart.register(5)
                    + " pc=0x" + Long.toHexString(hart.pc()));
        }
    }

    /** JAL rd, offset. */
    private static int jal(int rd, long offset) {
        int imm = (int) offset;
        return ((imm >>> 20 & 1) << 31) | ((imm >>> 1 & 0x3FF) << 21) | ((imm >>> 11 & 1) << 20)
                | ((imm >>> 12 & 0xFF) << 12) | rd << 7 | 0x6F;
    }

    @Benchmark
    public long farCallsAndReturns() {
        return machine.run(INSTRUCTIONS).instructions();
    }
}
