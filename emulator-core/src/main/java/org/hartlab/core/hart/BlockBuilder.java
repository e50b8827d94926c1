package org.hartlab.core.hart;

import java.util.Arrays;
import org.hartlab.core.bus.Ram;

/**
 * Cuts a page's instructions into blocks: runs of consecutive instructions that end at the first instruction that
 * always leaves the sequence or changes the privilege, translation or the decoded code itself (jumps, SYSTEM
 * instructions, FENCE.I), at the page's end, or before an instruction that straddles into the next page or accesses a
 * counter (see {@link #startsBlock}). A taken
 * conditional branch leaves a block early (a side exit), so loops and if-chains need fewer fetches. Within a block
 * every instruction lies on the block's page, so one fetch translation serves them all.
 */
final class BlockBuilder {
    /** Long enough to amortise a fetch over many instructions, short enough that decoding a cold tail is cheap. */
    static final int MAX_LENGTH = 64;

    private BlockBuilder() {
    }

    /**
     * The block starting at physical {@code pa} on {@code page}, whose first instruction {@code first} the
     * caller has decoded; decodes (and caches on the page) the instructions after it.
     */
    static Insn[] build(CodePage page, long pa, Insn first, Ram ram) {
        Insn[] scratch = new Insn[MAX_LENGTH];
        int n = 0;
        Insn insn = first;
        long at = pa;
        while (true) {
            scratch[n++] = insn;
            at += insn.length();
            long offset = at & 0xFFF;
            if (endsBlock(insn.op()) || n == MAX_LENGTH || offset == 0) {
                break;
            }
            int slot = DecodeCache.slot(at);
            insn = page.insns[slot];
            if (insn == null) {
                int low = ram.load16(at) & 0xFFFF;
                if (!Decoder.isCompressed(low) && offset > 0xFFC) {
                    break; // straddles the page end: fetched on its own, translating both pages
                }
                insn = Decoder.isCompressed(low) ? Decoder.decode(low) : Decoder.decode(low | (ram.load16(at + 2) << 16));
                page.insns[slot] = insn;
            }
            if (startsBlock(insn)) {
                break;
            }
        }
        return Arrays.copyOf(scratch, n);
    }

    /**
     * CSR accesses to a counter (cycle, time, instret, the hpm counters and their machine twins). A block books
     * the instructions it retired when it ends, so such an access comes first in its block: it then reads, or
     * writes relative to, the count of every instruction before it, as it would stepping one at a time.
     */
    static boolean startsBlock(Insn insn) {
        int counterBank = (int) insn.imm() & ~0x1F;
        return insn.op() >= Op.CSRRW && insn.op() <= Op.CSRRCI
                && (counterBank == Csr.CYCLE || counterBank == Csr.MCYCLE);
    }

    /** Jumps, and the instructions after which the next fetch must see new state. */
    static boolean endsBlock(int op) {
        return op == Op.ILLEGAL || op == Op.JAL || op == Op.JALR || (op >= Op.FENCE_I && op <= Op.CSRRCI);
    }
}
