package org.hartlab.tools.difftest;

import java.util.List;
import java.util.SplittableRandom;
import org.hartlab.tools.difftest.Assembler.Label;

/**
 * Generates a random but valid RV64IMAC program from a seed: the same seed always gives the same bytes. Every
 * instruction has one architecturally defined outcome, so any difference between two emulators running it is a
 * bug in one of them (or a documented deviation, which the generator avoids). Concretely:
 * <ul>
 *   <li>loads, stores and AMOs address the scratch area only (the base register is set just before, with
 *       AUIPC/ADDI); loads and stores may be misaligned and cross a page, AMOs and LR/SC never are misaligned;</li>
 *   <li>control flow goes forward over a few instructions (branches, JAL, JALR, C.J, C.BEQZ/BNEZ, C.JR/C.JALR),
 *       forward and back over kilobytes of never-executed filler, or round a counted loop whose counter no
 *       other instruction writes;</li>
 *   <li>SC follows its LR with only ALU instructions in between, or targets another granule, or repeats
 *       after a first SC: each case has a single outcome;</li>
 *   <li>CSR accesses are to mscratch, sscratch and mhartid; compressed encodings are never HINTs;</li>
 *   <li>the only traps are ECALL and decode-time illegal instructions, which the harness's handler logs and
 *       skips (misaligned AMOs, EBREAK and run-time illegal instructions, where QEMU 7.2 deviates, never
 *       occur).</li>
 * </ul>
 * After each top-level item one or two of the registers it wrote are stored into the trace area, so that an
 * intermediate result that differs is seen even when it is overwritten later. Items that contain other items
 * only contain "straight" ones (no control flow), so labels never interleave.
 */
public final class ProgramGenerator {
    private final SplittableRandom rnd;
    private final Assembler a = new Assembler(Harness.BASE);
    private final Harness harness = new Harness();
    private final MemoryItems memory;
    private final ControlItems control;
    /** The F/D items, or null for an integer-only program. */
    private final FpItems fp;
    /** Bit r set: the item being generated must not write xr (a loop counter, a base register in use). */
    private int reserved;
    /** Bit r set: xr was written since the last trace record. */
    private int written;
    private int labels;
    private int tracePointer;
    private int traceSlot;
    private final int[] traceLines = new int[GuestDump.TRACE_WORDS];

    private ProgramGenerator(long seed, boolean withFp) {
        this.rnd = new SplittableRandom(seed);
        this.memory = new MemoryItems(this, a, harness, rnd);
        this.control = new ControlItems(this, a, rnd);
        this.fp = withFp ? new FpItems(this, a, rnd) : null;
    }

    /** The program for {@code seed} with about {@code length} body instructions (at least 1). */
    public static Program generate(long seed, int length) {
        return generate(seed, length, false);
    }

    /** Like {@link #generate(long, int)}; with {@code withFp}, about half the straight items are F/D ones. */
    public static Program generate(long seed, int length, boolean withFp) {
        if (length < 1) {
            throw new IllegalArgumentException("difftest: program length must be positive, got " + length);
        }
        return new ProgramGenerator(seed, withFp).build(seed, length);
    }

    private Program build(long seed, int length) {
        long[] initial = new long[32];
        for (int r = 1; r < 32; r++) {
            initial[r] = Operands.value(rnd);
        }
        do {
            tracePointer = 1 + rnd.nextInt(31);
        } while (tracePointer == Harness.T0 || tracePointer == Harness.T1);
        reserve(tracePointer);
        harness.prologue(a, initial, tracePointer);
        if (fp != null) {
            fp.prologue();
        }
        int first = a.instructionCount();
        java.util.Arrays.fill(traceLines, -1);
        while (a.instructionCount() - first < length) {
            item();
            record();
        }
        if (fp != null) {
            fp.dump();
        }
        int end = a.instructionCount();
        harness.epilogue(a);
        byte[] scratch = new byte[Harness.SCRATCH_BYTES];
        rnd.nextBytes(scratch);
        byte[] elf = harness.link(a, scratch);
        List<String> listing = a.lines().stream().map(Assembler.Line::toString).toList();
        return new Program(seed, length, elf, initial, listing, first, end, tracePointer, traceLines);
    }

    // ---- items ----

    private void item() {
        long toPage = 4096 - (a.pc() & 0xFFF);
        if (toPage >= 24 && toPage <= 96 && rnd.nextInt(4) == 0) {
            control.selfModifying(); // likely to patch an instruction that straddles the page boundary
            return;
        }
        int w = rnd.nextInt(100);
        if (w < 64) {
            straight();
        } else if (w < 72) {
            control.forwardBranch();
        } else if (w < 76) {
            control.jal();
        } else if (w < 80) {
            control.jalr();
        } else if (w < 88) {
            control.compressedControl();
        } else if (w < 95) {
            control.loop();
        } else if (w < 98) {
            control.selfModifying();
        } else {
            control.farJump();
        }
    }

    /** One item without control flow; may be nested inside a branch, jump or loop. */
    void straight() {
        if (fp != null && rnd.nextBoolean()) {
            fp.item();
            return;
        }
        int w = rnd.nextInt(100);
        if (w < 14) {
            aluR();
        } else if (w < 24) {
            aluI();
        } else if (w < 27) {
            upper();
        } else if (w < 39) {
            mulDiv();
        } else if (w < 51) {
            compressedAlu();
        } else if (w < 61) {
            memory.loadsAndStores();
        } else if (w < 68) {
            memory.compressed();
        } else if (w < 75) {
            memory.amo();
        } else if (w < 79) {
            memory.lrsc();
        } else if (w < 84) {
            csr();
        } else if (w < 87) {
            fence();
        } else if (w < 89) {
            trap();
        } else {
            Harness.li(a, free(1), Operands.value(rnd));
        }
    }

    void aluOnly() {
        switch (rnd.nextInt(4)) {
            case 0 -> aluR();
            case 1 -> aluI();
            case 2 -> upper();
            default -> compressedAlu();
        }
    }

    private void aluR() {
        Rv.Op op = Rv.ALU_R[rnd.nextInt(Rv.ALU_R.length)];
        int rs1 = rnd.nextInt(4) == 0 ? preset(Operands.value(rnd)) : rs();
        int rs2 = rnd.nextInt(4) == 0 ? preset(Operands.value(rnd)) : rs();
        Harness.r(a, op, rd(), rs1, rs2);
    }

    private void aluI() {
        if (rnd.nextInt(5) < 3) {
            Harness.i(a, Rv.ALU_I[rnd.nextInt(Rv.ALU_I.length)], rd(), rs(), Operands.imm12(rnd));
        } else if (rnd.nextBoolean()) {
            Harness.shift(a, Rv.SHIFT64[rnd.nextInt(3)], rd(), rs(), Operands.shamt(rnd, 64));
        } else {
            Harness.shift(a, Rv.SHIFT32[rnd.nextInt(3)], rd(), rs(), Operands.shamt(rnd, 32));
        }
    }

    private void upper() {
        Rv.Op op = rnd.nextBoolean() ? Rv.LUI : Rv.AUIPC;
        int imm = rnd.nextInt(3) == 0 ? new int[] {0, 1, 0x7FFFF, 0x80000, 0xFFFFF}[rnd.nextInt(5)]
                : rnd.nextInt(1 << 20);
        int rd = free(1);
        a.emit32(Rv.u(op, rd, imm), "%s x%d, 0x%x".formatted(op.name(), rd, imm));
    }

    private void mulDiv() {
        Rv.Op op = Rv.M[rnd.nextInt(Rv.M.length)];
        int rs1 = rnd.nextInt(5) < 3 ? preset(Operands.dividend(rnd)) : rs();
        int rs2 = rnd.nextInt(5) < 3 ? preset(Operands.divisor(rnd)) : rs();
        Harness.r(a, op, rd(), rs1, rs2);
    }

    private void compressedAlu() {
        switch (rnd.nextInt(18)) {
            case 0 -> ci("c.addi", Rvc::addi, free(1), Operands.imm6(rnd, true));
            case 1 -> ci("c.addiw", Rvc::addiw, free(1), Operands.imm6(rnd, false));
            case 2 -> ci("c.li", Rvc::li, free(1), Operands.imm6(rnd, false));
            case 3 -> {
                int rd;
                do {
                    rd = free(1);
                } while (rd == 2);
                int imm = Operands.imm6(rnd, true);
                a.emit16(Rvc.lui(rd, imm), "c.lui x%d, 0x%x".formatted(rd, imm & 0xFFFFF));
            }
            case 4 -> ci("c.slli", Rvc::slli, free(1), 1 + rnd.nextInt(63));
            case 5, 6 -> {
                boolean arithmetic = rnd.nextBoolean();
                int rd = freePrime();
                int shamt = 1 + rnd.nextInt(63);
                a.emit16(Rvc.cbAlu(arithmetic ? 1 : 0, rd, shamt),
                        "%s x%d, %d".formatted(arithmetic ? "c.srai" : "c.srli", rd, shamt));
            }
            case 7 -> {
                int rd = freePrime();
                int imm = Operands.imm6(rnd, false);
                a.emit16(Rvc.cbAlu(2, rd, imm), "c.andi x%d, %d".formatted(rd, imm));
            }
            case 8, 9, 10, 11, 12, 13 -> {
                String[] names = {"c.sub", "c.xor", "c.or", "c.and", "c.subw", "c.addw"};
                int k = rnd.nextInt(6);
                int rd = freePrime();
                int rs2 = 8 + rnd.nextInt(8);
                a.emit16(Rvc.ca(k >= 4, k & 3, rd, rs2), "%s x%d, x%d".formatted(names[k], rd, rs2));
            }
            case 14, 15 -> {
                boolean add = rnd.nextBoolean();
                int rd = free(1);
                int rs2 = 1 + rnd.nextInt(31);
                a.emit16(Rvc.cr(add, rd, rs2), "%s x%d, x%d".formatted(add ? "c.add" : "c.mv", rd, rs2));
            }
            case 16 -> {
                int rd = freePrime();
                int uimm = 4 * (1 + rnd.nextInt(255));
                a.emit16(Rvc.addi4spn(rd, uimm), "c.addi4spn x%d, x2, %d".formatted(rd, uimm));
            }
            default -> {
                if (isFree(2) && rnd.nextBoolean()) {
                    int imm;
                    do {
                        imm = 16 * rnd.nextInt(-32, 32);
                    } while (imm == 0);
                    a.emit16(Rvc.addi16sp(imm), "c.addi16sp x2, %d".formatted(imm));
                } else {
                    a.emit16(Rvc.nop(), "c.nop");
                }
            }
        }
    }

    private void ci(String name, java.util.function.IntBinaryOperator enc, int rd, int imm) {
        a.emit16(enc.applyAsInt(rd, imm), "%s x%d, %d".formatted(name, rd, imm));
    }

    private void csr() {
        int which = rnd.nextInt(9);
        if (which == 8) {
            Harness.csr(a, "csrrs", rd(), Harness.MHARTID, 0);
            return;
        }
        int csr = which < 4 ? Harness.MSCRATCH : Harness.SSCRATCH;
        String[] names = {"csrrw", "csrrs", "csrrc", "csrrwi", "csrrsi", "csrrci"};
        String name = names[rnd.nextInt(6)];
        int src = name.endsWith("i") ? rnd.nextInt(32) : rs();
        Harness.csr(a, name, rd(), csr, src);
    }

    private void fence() {
        switch (rnd.nextInt(5)) {
            case 0, 1 -> {
                int pred = 1 + rnd.nextInt(15);
                int succ = 1 + rnd.nextInt(15);
                a.emit32(Rv.fence(0, pred, succ), "fence %s, %s".formatted(iorw(pred), iorw(succ)));
            }
            case 2 -> a.emit32(Rv.fence(0b1000, 0b0011, 0b0011), "fence.tso");
            default -> a.emit32(Rv.FENCE_I, "fence.i");
        }
    }

    /**
     * An instruction that traps with a cause and mtval every implementation agrees on: ECALL (cause 11, mtval 0)
     * or an encoding that is illegal in RV64GC and in every extension QEMU 7.2 enables by default (cause 2,
     * mtval = the instruction bits, decided at decode time). The 16-bit ones are the all-zero halfword and the
     * encodings the C chapter reserves (C.LWSP/C.LDSP with rd=0, C.JR x0, C.ADDI16SP 0, C.LUI 0, C.ADDIW x0,
     * C.ADDI4SPN 0), which hartlab and QEMU 7.2 both reject. The handler logs the trap and skips the instruction.
     */
    private void trap() {
        int rd = rnd.nextInt(32);
        int rs1 = rnd.nextInt(32);
        int rs2 = rnd.nextInt(32);
        int high = rnd.nextInt(1 << 7) << 25 | rs2 << 20 | rs1 << 15 | rd << 7;
        int ciImm = rnd.nextInt(2) << 12 | rnd.nextInt(32) << 2;
        switch (rnd.nextInt(8)) {
            case 0 -> a.emit32(0x0000_0073, "ecall");
            case 1, 7 -> {
                int[] encodings = {0x0000, 0x4002 | ciImm, 0x6002 | ciImm, 0x8002, 0x6101,
                    0x6001 | (rd == 0 || rd == 2 ? 1 : rd) << 7, 0x2001 | ciImm, rnd.nextInt(8) << 2};
                int bits = encodings[rnd.nextInt(encodings.length)];
                a.emit16(bits, ".2byte 0x%04x  # illegal: zero or reserved compressed encoding".formatted(bits));
            }
            case 2 -> illegal(high | 7 << 12 | 0x03, "LOAD funct3 7");
            case 3 -> illegal(high | (5 + rnd.nextInt(3)) << 12 | 0x23, "STORE funct3 5..7");
            case 4 -> illegal(high | (2 + rnd.nextInt(2)) << 12 | 0x63, "BRANCH funct3 2..3");
            case 5 -> illegal(high | (1 + rnd.nextInt(7)) << 12 | 0x67, "JALR funct3 != 0");
            default -> illegal(high | new int[] {0, 1, 5, 6, 7}[rnd.nextInt(5)] << 12 | 0x2F, "AMO funct3 not W/D");
        }
    }

    private void illegal(int bits, String why) {
        a.emit32(bits, ".4byte 0x%08x  # illegal: %s".formatted(bits, why));
    }

    private static String iorw(int set) {
        StringBuilder s = new StringBuilder();
        for (int k = 3; k >= 0; k--) {
            if ((set >> k & 1) != 0) {
                s.append("iorw".charAt(3 - k));
            }
        }
        return s.toString();
    }

    /**
     * Stores one or two registers written by the last item into the next trace slots, so that a wrong
     * intermediate result shows even when a later instruction overwrites the register.
     */
    private void record() {
        written &= ~(1 | 1 << tracePointer);
        for (int n = 1 + rnd.nextInt(2); n > 0 && written != 0; n--) {
            int r;
            do {
                r = rnd.nextInt(32);
            } while ((written >> r & 1) == 0);
            written &= ~(1 << r);
            recordNow(r);
        }
        written = 0;
    }

    /** Stores xr into the next trace slot. */
    void recordNow(int r) {
        int offset = 8 * traceSlot - Harness.TRACE_BIAS;
        traceLines[traceSlot] = a.instructionCount();
        Harness.store(a, r, tracePointer, offset);
        traceSlot = (traceSlot + 1) % GuestDump.RECORD_SLOTS;
    }

    void body(int items) {
        for (int k = 0; k < items; k++) {
            straight();
        }
    }

    // ---- registers ----

    Label label() {
        return new Label("L" + labels++);
    }

    /** A destination: now and then x0, otherwise any register the current item may write. */
    int rd() {
        return rnd.nextInt(40) == 0 ? 0 : free(1);
    }

    /** A source: any register. */
    int rs() {
        return rnd.nextInt(32);
    }

    /** A random register in min..31 that is not reserved, noted as written for the next trace record. */
    int free(int min) {
        while (true) {
            int r = min + rnd.nextInt(32 - min);
            if (isFree(r)) {
                written |= 1 << r;
                return r;
            }
        }
    }

    /** A random writable register among x8..x15 (the C extension's r'). */
    int freePrime() {
        while (true) {
            int r = 8 + rnd.nextInt(8);
            if (isFree(r)) {
                written |= 1 << r;
                return r;
            }
        }
    }

    boolean isFree(int r) {
        return (reserved >> r & 1) == 0;
    }

    void reserve(int r) {
        reserved |= 1 << r;
    }

    void release(int r) {
        reserved &= ~(1 << r);
    }

    /** Loads {@code value} into a free register and returns it, for use as a source. */
    private int preset(long value) {
        int r = free(1);
        Harness.li(a, r, value);
        return r;
    }
}
