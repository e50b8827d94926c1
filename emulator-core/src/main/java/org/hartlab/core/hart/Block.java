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

    final Insn[] insns;
    private int runs;
    /** Written once, by whichever hart translates first; final fields make it safe to read from any hart. */
    private Translation translation;

    private record Translation(CompiledBlock code, int length) {
    }

    Block(Insn[] insns) {
        this.insns = insns;
    }

    /**
     * The translation to run when at most {@code budget} instructions may execute, or null to interpret;
     * counts the run and translates the block when it becomes hot.
     */
    CompiledBlock compiled(int budget) {
        Translation t = translation;
        if (t == null) {
            if (runs < 0 || ++runs < HOT) {
                return null;
            }
            int length = BlockCompiler.translatableLength(insns);
            if (length == 0) {
                runs = -1; // starts with an instruction only the interpreter runs: never try again
                return null;
            }
            t = new Translation(BlockCompiler.compile(insns, length), length);
            translation = t;
        }
        return t.length() <= budget ? t.code() : null;
    }

    /** How many leading instructions the translation {@link #compiled} returned covers. */
    int translatedLength() {
        return translation.length();
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
