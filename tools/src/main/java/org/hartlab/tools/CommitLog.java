package org.hartlab.tools;

import java.io.PrintWriter;
import java.util.Locale;
import org.hartlab.core.hart.Hart;
import org.hartlab.core.hart.Insn;
import org.hartlab.core.hart.InstructionListener;

/**
 * {@code bare --trace-instructions}: one line per instruction, in the spirit of Spike's {@code -l --log-commits}:
 * hart, pc, the raw bits, the mnemonic with its decoded fields, the integer registers the instruction wrote
 * with their new values, and the memory it accessed: {@code mem ADDRESS} for a load, LR or AMO, {@code mem ADDRESS
 * VALUE} for a store or a successful SC (addresses as the hart saw them: physical in M-mode). The listener sees an
 * instruction before it executes, so a hart's line is printed when its next instruction comes (or at
 * {@link #flush}), once the writes are known.
 *
 * <p>Each hart's state is touched only by that hart's thread; {@link #flush} runs after the run has ended.
 */
final class CommitLog implements InstructionListener {
    private final PrintWriter out;
    private final Pending[] pending;

    /** The instruction a hart is executing, its registers before it, and the value it stores, if it does. */
    private static final class Pending {
        Insn insn;
        long pc;
        final long[] before = new long[32];
        long stored;
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
        p.stored = insn.access() == Insn.Access.FP_STORE ? hart.fpRegisters().get(insn.rs2()) : p.before[insn.rs2()];
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
        // an access that trapped did not happen: the hart went to its handler, not to the next instruction
        if (insn.access() != Insn.Access.NONE && hart.pc() == p.pc + insn.length()) {
            memory(line, hart, p);
        }
        out.println(line);
    }

    private static void memory(StringBuilder line, Hart hart, Pending p) {
        Insn insn = p.insn;
        line.append(String.format(Locale.ROOT, " | mem 0x%016x", insn.accessAddress(p.before[insn.rs1()])));
        boolean stores = switch (insn.access()) {
            case STORE, FP_STORE -> true;
            // rd 0 after an SC: it stored (an SC whose result goes to x0 tells nothing)
            case STORE_CONDITIONAL -> insn.rd() != Hart.SINK && hart.register(insn.rd()) == 0;
            default -> false;
        };
        if (stores) {
            int bytes = insn.accessBytes();
            long value = bytes == 8 ? p.stored : p.stored & ((1L << (8 * bytes)) - 1);
            line.append(String.format(Locale.ROOT, " 0x%0" + (2 * bytes) + "x", value));
        }
    }
}
