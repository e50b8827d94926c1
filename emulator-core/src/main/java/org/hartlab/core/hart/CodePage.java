package org.hartlab.core.hart;

/**
 * The decoded instructions of one physical RAM page, indexed by halfword slot, and the {@link Block}s built from
 * them, indexed by the slot they start at. Dropped as a whole when the page is stored to, so a block never
 * outlives the bytes it came from. Harts share pages without locks: instructions and blocks are immutable where
 * it matters (final fields), so a racing hart sees either nothing, and decodes again, or a complete object.
 */
final class CodePage {
    final Insn[] insns;
    final Block[] blocks;

    CodePage(int slots) {
        this.insns = new Insn[slots];
        this.blocks = new Block[slots];
    }
}
