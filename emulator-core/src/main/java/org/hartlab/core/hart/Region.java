package org.hartlab.core.hart;

import java.util.ArrayList;
import java.util.List;

/**
 * The unit {@link BlockCompiler} translates: a hot block (the entry) and the blocks of the same code page it
 * reaches by branches, jumps and fall-through, as far as they have already been built and warmed up (so only code
 * that has run is translated, and a cold path stays a side exit) and no other region translates them (a block is
 * translated once, and code going there leaves this region for that one). Loops within a page thus become loops
 * in one JVM method, where HotSpot keeps guest registers in host registers from one iteration to the next.
 *
 * <p>Staying on one page keeps the block cache's invalidation exact: a store to the page drops every block on
 * it, and with them every region built from them. It also keeps the fetch translation valid throughout, because
 * one page has one translation.
 *
 * @param members the entry first, then the blocks it reaches; each block's translatable leading instructions
 */
record Region(List<Member> members) {
    /**
     * Bigger regions run faster once compiled but cost HotSpot more to compile. On intmix, when regions still
     * overlapped, 120 instructions in at most 16 blocks ran fastest warm (against 32/4, 64/8 and 240/40); once
     * they no longer did, 240/32 and 400/48 ran callmix 3% faster after eight runs but its first run slower, and
     * 60/8 was no different.
     */
    private static final int MAX_INSNS = 120;
    private static final int MAX_MEMBERS = 16;
    private static final int PAGE = 4096;

    /**
     * One block of the region.
     *
     * @param offset where the block starts, in bytes from the page's start (or from the entry, for a lone block)
     * @param insns  the block's instructions
     * @param length how many of them are translated: the rest run in the interpreter after a side exit
     */
    record Member(int offset, Insn[] insns, int length) {
    }

    /** A region of just {@code insns[0..length)}, starting at offset 0 and reaching nothing else. */
    static Region single(Insn[] insns, int length) {
        return new Region(List.of(new Member(0, insns, length)));
    }

    /**
     * The region entered at {@code entry}, which starts {@code offset} bytes into {@code page}; a null page (an
     * instruction straddling two pages has none) gives the entry alone, as does an entry that starts with an
     * untranslatable instruction (its translated length is 0: there is nothing to translate).
     */
    static Region collect(CodePage page, int offset, Insn[] entry) {
        List<Member> members = new ArrayList<>();
        members.add(new Member(offset, entry, BlockCompiler.translatableLength(entry)));
        if (page == null || members.getFirst().length() == 0) {
            return new Region(members);
        }
        boolean[] seen = new boolean[PAGE / 2];
        seen[offset >>> 1] = true;
        int insns = members.getFirst().length();
        for (int next = 0; next < members.size(); next++) {
            for (int target : targets(members.get(next))) {
                if (target < 0 || target >= PAGE || seen[target >>> 1] || members.size() == MAX_MEMBERS) {
                    continue;
                }
                seen[target >>> 1] = true;
                Block block = page.blocks[target >>> 1];
                boolean joins = block != null && block.warm() && !block.translated();
                int length = joins ? BlockCompiler.translatableLength(block.insns) : 0;
                if (length > 0 && insns + length <= MAX_INSNS) {
                    members.add(new Member(target, block.insns, length));
                    insns += length;
                }
            }
        }
        return new Region(List.copyOf(members));
    }

    /** Where a member's translated instructions may continue: branch and jump targets, and its fall-through. */
    private static List<Integer> targets(Member m) {
        List<Integer> targets = new ArrayList<>();
        int at = m.offset();
        for (int k = 0; k < m.length(); k++) {
            Insn i = m.insns()[k];
            if (i.op() == Op.JAL || (i.op() >= Op.BEQ && i.op() <= Op.BGEU)) {
                targets.add(at + (int) i.imm());
            }
            at += i.length();
        }
        Insn last = m.insns()[m.length() - 1];
        boolean jump = last.op() == Op.JAL || last.op() == Op.JALR;
        if (!jump || last.rd() != 0) {
            // the fall-through, or a call's return point: a return from a callee in the region jumps there, one
            // from elsewhere enters the region at that member (see Block.lendToMembers)
            targets.add(at);
        }
        return targets;
    }

    /** The index of the member starting {@code offset} bytes into the page, or -1. */
    int indexAt(long offset) {
        for (int k = 0; k < members.size(); k++) {
            if (members.get(k).offset() == offset) {
                return k;
            }
        }
        return -1;
    }

    Member entry() {
        return members.getFirst();
    }
}
