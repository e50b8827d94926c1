package org.hartlab.core.hart;

import org.hartlab.mmu.Sv39Mmu;

/**
 * The fast path of {@link Hart#run}, used when nothing observes single instructions: executes whole decoded
 * blocks, fetching once per block, hot blocks as translated bytecode, with the step count in a local, until
 * fewer than {@link BlockCompiler#CHUNK} steps remain (translated code can stop anywhere short of that, and the
 * hart steps through the rest rather than cut a block at each such point). Steps, retired instructions and TLB
 * hit counts come out exactly as instruction-by-instruction execution would give them. Used by its hart's own
 * thread only, as the hart's fields it reads and writes are.
 */
final class BlockRunner {
    private final Hart hart;
    private final FetchUnit fetch;
    private final TrapUnit traps;
    private final Sv39Mmu mmu;

    BlockRunner(Hart hart, FetchUnit fetch, TrapUnit traps, Sv39Mmu mmu) {
        this.hart = hart;
        this.fetch = fetch;
        this.traps = traps;
        this.mmu = mmu;
    }

    /** Runs blocks from {@code steps} steps taken towards {@code maxSteps}; returns the steps taken by then. */
    int run(int steps, int maxSteps) {
        Hart h = hart;
        // The page the last block came from, while a fetch from the same virtual page must find it again: the
        // block ended with no trap and nothing that sets blockEnd (TLB fill or SFENCE, store to code, FENCE.I,
        // CSR write, privilege change), so translation and decoded page are as they were.
        CodePage chained = null;
        long chainedPage = -1;
        while (maxSteps - steps >= BlockCompiler.CHUNK && !h.sliceEnd) {
            steps++; // the block's first instruction: a step even if its fetch or execution traps
            boolean translatedFetch = fetch.translated();
            long start = h.pc;
            Block block = chained != null && start >>> 12 == chainedPage
                    ? chained.blocks[DecodeCache.slot(start)] : null;
            int reusedFetches = block != null ? 1 : 0; // the chained fetch, a TLB hit as the fetch path counts it
            int done = 0;
            Block.Translation code = null;
            try {
                if (block == null) {
                    block = fetch.fetchBlock();
                    chained = fetch.fetchedPage();
                    chainedPage = start >>> 12;
                }
                h.blockEnd = false; // set by the fetch's own TLB fill, which is no reason to stop
                int budget = maxSteps - steps + 1; // at least CHUNK: see the loop's condition
                code = block.compiled(chained, (int) (start & 0xFFF));
                if (code != null) {
                    done = code.run(h, budget);
                } else {
                    Insn[] insns = block.insns;
                    int n = Math.min(insns.length, budget);
                    while (done < n && !h.blockEnd) {
                        Insn insn = insns[done];
                        long next = h.pc + insn.length();
                        Executor.execute(h, insn);
                        done++;
                        if (h.pc != next) {
                            break; // a taken branch: the block's side exit
                        }
                    }
                }
            } catch (Trap t) {
                // Both the interpreter and translated code leave pc at the trapping instruction.
                done = code != null ? h.translatedDone : block == null ? 0 : block.indexAt(h.pc - start);
                steps += done; // the trapping instruction is the step counted above
                retired(done, done + reusedFetches, translatedFetch);
                traps.take(t.cause(), false, t.tval());
                chained = null;
                continue;
            }
            steps += done - 1;
            retired(done, done - 1 + reusedFetches, translatedFetch);
            if (h.blockEnd) {
                chained = null;
            }
        }
        return steps;
    }

    /** Books a block's instructions: those that retired, and the fetches served by the block's translation. */
    private void retired(int instructions, int reusedFetches, boolean translatedFetch) {
        hart.instret += instructions;
        if (translatedFetch && reusedFetches > 0) {
            mmu.countReusedHits(reusedFetches);
        }
    }
}
