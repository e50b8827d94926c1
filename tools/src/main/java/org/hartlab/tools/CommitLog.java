package org.hartlab.tools;

import java.io.PrintWriter;
import java.util.Locale;
import org.hartlab.core.hart.Hart;
import org.hartlab.core.hart.Insn;
import org.hartlab.core.hart.InstructionListener;

/**
 * {@code bare --trace-instructions}: one line per instruction, in the spirit of Spike's {@code -l --log-commits}:
 * hart, pc, the raw bits, the mnemonic with its decoded fields, and the integer registers the instruction wrote
 * with their new values. The listener sees an instruction before it executes, so a hart's line is printed when
 * its next instruction comes (or at {@link #flush}), once the writes are known.
 *
 * <p>Each hart's state is touched only by that hart's thread; {@link #flush} runs after the run has ended.
 */
final class CommitLog implements InstructionListener {
    private final PrintWriter out;
    private final Pending[] pending;

    /** The instruction a hart is executing, and its registers before it. */
    private static final class Pending {
        Insn insn;
        long pc;
        final long[] before = new long[32];
    }

    CommitLog(PrintWriter out, int harts) {
        this.out = out;
        this.pending = new Pending[harts];
        for (int h = 0; h < harts; h++) {
            pending[h] = new Pending();
        }
    }

    @Override
    public void beforeExecute(Hart hart, Insn insn) {
        Pending p = pending[hart.id()];
        if (p.insn != null) {
            print(hart, p);
        }
        p.insn = insn;
        p.pc = hart.pc();
        for (int i = 1; i < 32; i++) {
            p.before[i] = hart.register(i);
        }
    }

    /** Prints the last instruction of every hart (the run has ended: their writes are done). */
    void flush(Iterable<Hart> harts) {
        for (Hart h : harts) {
            Pending p = pending[h.id()];
            if (p.insn != null) {
                print(h, p);
                p.insn = null;
            }
        }
        out.flush();
    }

    private void print(Hart hart, Pending p) {
        Insn insn = p.insn;
        StringBuilder line = new StringBuilder(96);
        line.append(String.format(Locale.ROOT, "hart%d %016x (0x%0" + (insn.length() * 2) + "x) %s", hart.id(), p.pc,
                insn.bits() & (insn.length() == 2 ? 0xFFFF : 0xFFFF_FFFFL), insn.mnemonic()));
        line.append(" rd=x").append(insn.rd() == Hart.SINK ? 0 : insn.rd()).append(" rs1=x").append(insn.rs1())
                .append(" rs2=x").append(insn.rs2()).append(" imm=").append(insn.imm());
        for (int i = 1; i < 32; i++) {
            long now = hart.register(i);
            if (now != p.before[i]) {
                line.append(String.format(Locale.ROOT, " | x%d 0x%016x", i, now));
            }
        }
        out.println(line);
    }
}
