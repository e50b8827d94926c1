package org.hartlab.tools.difftest;

import java.util.List;
import org.hartlab.tools.difftest.Assembler.Fixup;
import org.hartlab.tools.difftest.Assembler.Label;

/**
 * The fixed frame around a generated body: the memory layout, the prologue that installs a trap handler and
 * gives every register its first value, the epilogue that saves x1..x31, checksums the scratch area and
 * prints the {@link GuestDump} words in hex through the HTIF console before exiting with code 0, and a trap
 * handler that logs each trap and resumes after the trapping instruction.
 *
 * <pre>
 * 0x8000_0000  code: prologue, body, epilogue (save, checksum, print, exit), trap handler, putc
 * data         next 4 KiB page after the code
 *   +0x0F00    scratch area, SCRATCH_BYTES of random initial bytes, straddling a page boundary so that
 *              misaligned accesses also cross pages; every load, store and AMO of the body goes here
 *   +0x1400    save area: GuestDump.SAVE_WORDS doublewords, printed at the end
 *   +0x1508    trace area: GuestDump.TRACE_WORDS doublewords that body instructions store results into and
 *              the trap handler logs traps into, printed right after the save area
 *   +0x3000    tohost, fromhost (adjacent: QEMU maps one HTIF region over both)
 * </pre>
 *
 * The epilogue needs one scratch register before it can save the others: it parks x31 in {@code sscratch}
 * (the body may use sscratch freely before).
 */
final class Harness {
    static final long BASE = 0x8000_0000L;
    static final int SCRATCH_OFFSET = 0x0F00;
    static final int SCRATCH_BYTES = 512;
    static final int SAVE_OFFSET = 0x1400;
    static final int TRACE_OFFSET = SAVE_OFFSET + 8 * GuestDump.SAVE_WORDS;
    static final int HTIF_OFFSET = 0x3000;
    static final int DATA_BYTES = HTIF_OFFSET + 16;
    static final int MTVEC = 0x305;
    static final int SSCRATCH = 0x140;
    static final int MSCRATCH = 0x340;
    static final int MHARTID = 0xF14;
    static final int MCAUSE = 0x342;
    static final int MEPC = 0x341;
    static final int MTVAL = 0x343;

    final Label scratch = new Label("scratch");
    final Label save = new Label("save");
    final Label trace = new Label("trace");
    final Label tohost = new Label("tohost");
    private final Label trap = new Label("trap");
    private final Label putc = new Label("putc");
    private long dataBase = -1;
    private int tracePointer = -1;

    /** Offset of the trace pointer from the start of the trace area. */
    static final int TRACE_BIAS = 2048;
    /** The handler's temporaries; never the trace pointer. */
    static final int T0 = 5;
    static final int T1 = 6;
    static final int MRET = 0x3020_0073;

    /**
     * Points mtvec at the trap handler, loads {@code initial[r]} into every register x1..x31 but
     * {@code tracePointer}, and points that one at the middle of the trace area (so that signed 12-bit offsets
     * reach all of it). The trace pointer cannot be x5 or x6, which the handler uses.
     */
    void prologue(Assembler a, long[] initial, int tracePointer) {
        if (tracePointer == T0 || tracePointer == T1 || tracePointer < 1 || tracePointer > 31) {
            throw new IllegalArgumentException("harness: x" + tracePointer + " cannot be the trace pointer");
        }
        this.tracePointer = tracePointer;
        a.la(T0, trap, 0);
        csr(a, "csrrw", 0, MTVEC, T0);
        for (int r = 1; r < 32; r++) {
            if (r != tracePointer) {
                li(a, r, initial[r]);
            }
        }
        a.la(tracePointer, trace, TRACE_BIAS);
    }

    /** The offset from the trace pointer of trace slot {@code slot}. */
    static int slotOffset(int slot) {
        return 8 * slot - TRACE_BIAS;
    }

    /**
     * The end of the program: saves the registers and the trap count, checksums the scratch area, prints the
     * save and trace areas, exits; then the trap handler and putc. Binds the data labels.
     */
    void epilogue(Assembler a) {
        saveRegisters(a);
        a.la(T0, trace, 8 * GuestDump.TRAP_COUNT_SLOT);
        i(a, Rv.LOAD[3], T0, T0, 0);
        store(a, T0, 31, GuestDump.TRAPS * 8);
        checksum(a);
        print(a);
        a.la(12, tohost, 0);
        i(a, Rv.ADDI, 13, 0, 1);
        store(a, 13, 12, 0);
        Label spin = new Label("spin");
        a.bind(spin);
        a.emitFixup(4, Rv.j(0, 0), "jal x0, %s", Fixup.JAL, spin, 0, 0);
        trapHandler(a);
        putcRoutine(a);

        dataBase = (a.pc() + 4095) & ~4095L;
        a.bindAt(scratch, dataBase + SCRATCH_OFFSET);
        a.bindAt(save, dataBase + SAVE_OFFSET);
        a.bindAt(trace, dataBase + TRACE_OFFSET);
        a.bindAt(tohost, dataBase + HTIF_OFFSET);
    }

    /**
     * Logs mcause, mepc, mtval and the trap's number in the next entry of the trace area's trap log (a ring),
     * counts the trap, and resumes after the trapping instruction (2 or 4 bytes, from its low bits). Uses only
     * x5 and x6, spilled through the trace pointer, which the body never writes.
     */
    private void trapHandler(Assembler a) {
        if (a.pc() % 4 != 0) {
            a.emit16(Rvc.nop(), "c.nop");
        }
        a.bind(trap);
        int t = tracePointer;
        store(a, T0, t, slotOffset(GuestDump.SPILL_SLOT));
        store(a, T1, t, slotOffset(GuestDump.SPILL_SLOT + 1));
        i(a, Rv.LOAD[3], T1, t, slotOffset(GuestDump.TRAP_COUNT_SLOT));
        i(a, Rv.ADDI, T0, T1, 1);
        store(a, T0, t, slotOffset(GuestDump.TRAP_COUNT_SLOT));
        shift(a, Rv.SLLI, T1, T1, 5);
        i(a, Rv.ANDI, T1, T1, (GuestDump.LOG_ENTRIES - 1) << 5);
        r(a, Rv.ADD, T1, T1, t);
        int log = slotOffset(GuestDump.LOG_SLOT);
        int[] csrs = {MCAUSE, MEPC, MTVAL};
        for (int k = 0; k < csrs.length; k++) {
            csr(a, "csrrs", T0, csrs[k], 0);
            store(a, T0, T1, log + 8 * k);
        }
        i(a, Rv.LOAD[3], T0, t, slotOffset(GuestDump.TRAP_COUNT_SLOT));
        store(a, T0, T1, log + 24);
        csr(a, "csrrs", T1, MEPC, 0);
        i(a, Rv.LOAD_U[1], T0, T1, 0);
        i(a, Rv.ANDI, T0, T0, 3);
        i(a, Rv.ADDI, T0, T0, -3);
        i(a, Rv.ADDI, T1, T1, 2);
        Label compressed = new Label("compressed");
        branch(a, Rv.BRANCH[1], T0, 0, compressed);
        i(a, Rv.ADDI, T1, T1, 2);
        a.bind(compressed);
        csr(a, "csrrw", 0, MEPC, T1);
        i(a, Rv.LOAD[3], T0, t, slotOffset(GuestDump.SPILL_SLOT));
        i(a, Rv.LOAD[3], T1, t, slotOffset(GuestDump.SPILL_SLOT + 1));
        a.emit32(MRET, "mret");
    }

    /**
     * Resolves the code (after {@link #epilogue}) and returns the ELF: code, then the data pages with
     * {@code scratch} as the scratch area's initial bytes, and the symbols tohost, fromhost and scratch.
     */
    byte[] link(Assembler a, byte[] scratch) {
        byte[] code = a.finish();
        int dataAt = (int) (dataBase - BASE);
        byte[] image = new byte[dataAt + DATA_BYTES];
        System.arraycopy(code, 0, image, 0, code.length);
        System.arraycopy(scratch, 0, image, dataAt + SCRATCH_OFFSET, SCRATCH_BYTES);
        long htif = dataBase + HTIF_OFFSET;
        return ElfWriter.write(BASE, image, BASE,
                List.of(new ElfWriter.Section(".text", BASE, code.length, true),
                        new ElfWriter.Section(".data", dataBase, DATA_BYTES, false)),
                List.of(new ElfWriter.Symbol("_start", BASE, code.length, true, 0),
                        new ElfWriter.Symbol("scratch", dataBase + SCRATCH_OFFSET, SCRATCH_BYTES, false, 1),
                        new ElfWriter.Symbol("tohost", htif, 8, false, 1),
                        new ElfWriter.Symbol("fromhost", htif + 8, 8, false, 1)));
    }

    long dataBase() {
        return dataBase;
    }

    /** Parks x31 in sscratch, points x31 at the save area and stores x1..x31 there. */
    private void saveRegisters(Assembler a) {
        csr(a, "csrrw", 0, SSCRATCH, 31);
        a.la(31, save, 0);
        for (int r = 1; r < 31; r++) {
            store(a, r, 31, r * 8);
        }
        csr(a, "csrrs", 1, SSCRATCH, 0);
        store(a, 1, 31, 31 * 8);
    }

    /** h = rotl(h, 7) ^ dword over the scratch area, stored in the save area; x31 still points there. */
    private void checksum(Assembler a) {
        a.la(5, scratch, 0);
        i(a, Rv.ADDI, 6, 0, SCRATCH_BYTES / 8);
        i(a, Rv.ADDI, 7, 0, 0);
        Label loop = new Label("sum");
        a.bind(loop);
        i(a, Rv.LOAD[3], 8, 5, 0);
        shift(a, Rv.SLLI, 9, 7, 7);
        shift(a, Rv.SRLI, 7, 7, 57);
        r(a, Rv.OR, 7, 7, 9);
        r(a, Rv.XOR, 7, 7, 8);
        i(a, Rv.ADDI, 5, 5, 8);
        i(a, Rv.ADDI, 6, 6, -1);
        branch(a, Rv.BRANCH[1], 6, 0, loop);
        store(a, 7, 31, GuestDump.CHECKSUM * 8);
    }

    /** Prints every save-area and trace-area word as 16 lower-case hex digits and a newline. */
    private void print(Assembler a) {
        i(a, Rv.ADDI, 5, 31, 0);
        i(a, Rv.ADDI, 6, 0, GuestDump.WORDS);
        Label word = new Label("word");
        Label nibble = new Label("nibble");
        Label digit = new Label("digit");
        a.bind(word);
        i(a, Rv.LOAD[3], 7, 5, 0);
        i(a, Rv.ADDI, 8, 0, 16);
        a.bind(nibble);
        shift(a, Rv.SRLI, 10, 7, 60);
        shift(a, Rv.SLLI, 7, 7, 4);
        i(a, Rv.ADDI, 11, 0, 10);
        branch(a, Rv.BRANCH[2], 10, 11, digit);
        i(a, Rv.ADDI, 10, 10, 'a' - '0' - 10);
        a.bind(digit);
        i(a, Rv.ADDI, 10, 10, '0');
        a.emitFixup(4, Rv.j(1, 0), "jal x1, %s", Fixup.JAL, putc, 0, 0);
        i(a, Rv.ADDI, 8, 8, -1);
        branch(a, Rv.BRANCH[1], 8, 0, nibble);
        i(a, Rv.ADDI, 10, 0, '\n');
        a.emitFixup(4, Rv.j(1, 0), "jal x1, %s", Fixup.JAL, putc, 0, 0);
        i(a, Rv.ADDI, 5, 5, 8);
        i(a, Rv.ADDI, 6, 6, -1);
        branch(a, Rv.BRANCH[1], 6, 0, word);
    }

    /** putc(x10): tohost = 1<<56 | 1<<48 | byte, wait for fromhost != 0, clear it, return through x1. */
    private void putcRoutine(Assembler a) {
        a.bind(putc);
        a.la(12, tohost, 0);
        i(a, Rv.ADDI, 13, 0, 0x101);
        shift(a, Rv.SLLI, 13, 13, 48);
        r(a, Rv.OR, 13, 13, 10);
        store(a, 13, 12, 0);
        Label poll = new Label("poll");
        a.bind(poll);
        i(a, Rv.LOAD[3], 14, 12, 8);
        branch(a, Rv.BRANCH[0], 14, 0, poll);
        store(a, 0, 12, 8);
        i(a, Rv.JALR, 0, 1, 0);
    }

    // ---- shared emitters (also used by the generator) ----

    /** Loads the 64-bit constant {@code v} into {@code rd} with LUI/ADDI(W)/SLLI, as few as this scheme needs. */
    static void li(Assembler a, int rd, long v) {
        if (Rv.fitsSigned(v, 32)) {
            long hi = Assembler.hi20(v);
            int lo = Rv.lo12(v);
            if (hi == 0) {
                i(a, Rv.ADDI, rd, 0, lo);
                return;
            }
            a.emit32(Rv.u(Rv.LUI, rd, (int) hi), "lui x%d, 0x%x".formatted(rd, hi & 0xFFFFF));
            if (lo != 0) {
                i(a, Rv.ADDIW, rd, rd, lo);
            }
            return;
        }
        int lo = Rv.lo12(v);
        long rest = (v - lo) >> 12;
        int shift = 12 + Long.numberOfTrailingZeros(rest);
        rest >>= shift - 12;
        li(a, rd, rest);
        shift(a, Rv.SLLI, rd, rd, shift);
        if (lo != 0) {
            i(a, Rv.ADDI, rd, rd, lo);
        }
    }

    static void r(Assembler a, Rv.Op op, int rd, int rs1, int rs2) {
        a.emit32(Rv.r(op, rd, rs1, rs2), "%s x%d, x%d, x%d".formatted(op.name(), rd, rs1, rs2));
    }

    static void i(Assembler a, Rv.Op op, int rd, int rs1, int imm) {
        String text = op.match() == Rv.JALR.match() || (op.match() & 0x7F) == 0x03
                ? "%s x%d, %d(x%d)".formatted(op.name(), rd, imm, rs1)
                : "%s x%d, x%d, %d".formatted(op.name(), rd, rs1, imm);
        a.emit32(Rv.i(op, rd, rs1, imm), text);
    }

    static void shift(Assembler a, Rv.Op op, int rd, int rs1, int shamt) {
        a.emit32(Rv.shift(op, rd, rs1, shamt), "%s x%d, x%d, %d".formatted(op.name(), rd, rs1, shamt));
    }

    static void store(Assembler a, int rs2, int rs1, int imm) {
        a.emit32(Rv.s(Rv.STORE[3], rs1, rs2, imm), "sd x%d, %d(x%d)".formatted(rs2, imm, rs1));
    }

    static void branch(Assembler a, Rv.Op op, int rs1, int rs2, Label target) {
        a.emitFixup(4, Rv.b(op, rs1, rs2, 0), "%s x%d, x%d, %%s".formatted(op.name(), rs1, rs2), Fixup.BRANCH,
                target, 0, 0);
    }

    static void csr(Assembler a, String name, int rd, int csr, int rs1) {
        Rv.Op op = switch (name) {
            case "csrrw" -> Rv.CSR_REG[0];
            case "csrrs" -> Rv.CSR_REG[1];
            case "csrrc" -> Rv.CSR_REG[2];
            case "csrrwi" -> Rv.CSR_IMM[0];
            case "csrrsi" -> Rv.CSR_IMM[1];
            case "csrrci" -> Rv.CSR_IMM[2];
            default -> throw new IllegalArgumentException("harness: unknown CSR instruction " + name);
        };
        String src = name.endsWith("i") ? Integer.toString(rs1) : "x" + rs1;
        a.emit32(Rv.csr(op, rd, csr, rs1), "%s x%d, 0x%x, %s".formatted(name, rd, csr, src));
    }
}
