package org.hartlab.core.hart;

/**
 * A straight-line run of decoded instructions on one physical page (see {@link BlockBuilder}), counted while it
 * is interpreted until it is hot enough to be worth translating to bytecode. Shared by all harts: the fields the
 * harts write are hints (a lost count or a block compiled twice is harmless), and after compilation a hart
 * only reads, so two harts running the same block do not fight over its cache line.
 */
final class Block {
    /** Runs before translation: enough to skip code run only a few times, where translating costs more. */
    static final int HOT = 2_000;
    /** Runs after which a block may join a region that reaches it: it is on a path taken, not a cold side exit. */
    private static final int WARM = HOT / 4;

    final Insn[] insns;
    private int runs;
    /**
     * Set when the block or a region it is a member of is translated (see {@link #lendToMembers}); two harts may
     * both set it, with translations equally exact. Final fields make it safe to read from any hart.
     */
    private Translation translation;

    /** The code this block runs as: {@code code} entered at its member {@code entry}. */
    record Translation(CompiledBlock code, int entry) {
        int run(Hart h, int budget) {
            return code.run(h, budget, entry);
        }
    }

    Block(Insn[] insns) {
        this.insns = insns;
    }

    /**
     * The translation to run, or null to interpret; counts the run and, when the block becomes hot, translates
     * the region it enters, the block starting {@code offset} bytes into {@code page} (null for a block
     * straddling two pages). The caller has at least {@link BlockCompiler#CHUNK} instructions of budget left, all
     * that translated code needs to start.
     */
    Translation compiled(CodePage page, int offset) {
        Translation t = translation;
        if (t == null) {
            if (runs < 0 || ++runs < HOT) {
                return null;
            }
            Region region = Region.collect(page, offset, insns);
            if (region.entry().length() == 0) {
                runs = -1; // starts with an instruction only the interpreter runs: never try again
                return null;
            }
            CompiledBlock code = TranslationCache.translate(region);
            t = new Translation(code, 0);
            translation = t;
            if (page != null) {
                lendToMembers(page, region, code);
            }
        }
        return t;
    }

    /**
     * Gives each other block of {@code page} that {@code code} translates (its members, less any the compiler
     * dropped to keep the method short) that translation, entered at its member: a jump into the region from
     * outside, a return to one of its call sites, runs translated at once instead of interpreted until it is hot
     * itself, and no later region translates the block again (see {@link Region#collect}). Without this, regions
     * overlapped: on callmix they held every hot instruction three times over, three times the JIT's work.
     */
    private static void lendToMembers(CodePage page, Region region, CompiledBlock code) {
        for (Region.Member m : region.members()) {
            int k = code.entryAt(m.offset());
            Block b = page.blocks[m.offset() >>> 1];
            if (k > 0 && b != null && b.insns == m.insns() && b.translation == null) {
                b.translation = new Translation(code, k);
            }
        }
    }

    /** True once the block has run often enough to be worth translating as part of a region it is reached from. */
    boolean warm() {
        return runs >= WARM;
    }

    /** True once the block runs as bytecode. */
    boolean translated() {
        return translation != null;
    }

    /** How many of the instructions lie before {@code offset} bytes from the block's start. */
    int indexAt(long offset) {
        int i = 0;
        for (long at = 0; at < offset; at += insns[i++].length()) {
            // count instructions until their lengths add up to the offset
        }
        return i;
    }
}
