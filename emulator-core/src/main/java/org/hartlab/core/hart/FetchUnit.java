package org.hartlab.core.hart;

import java.util.Arrays;
import org.hartlab.core.bus.Ram;
import org.hartlab.mmu.AccessType;
import org.hartlab.mmu.Sv39Mmu;

/**
 * A hart's instruction fetch: translates pc (remembering recent pages' translations while the MMU's fetch epoch
 * says it holds), checks PMP, and finds the decoded instruction or block in the shared decode cache. Traps leave
 * pc at the instruction (or parcel) that could not be fetched. Used by its hart's own thread only.
 */
final class FetchUnit {
    private final Hart hart;
    private final Ram ram;
    private final DecodeCache decodeCache;
    private final Sv39Mmu mmu;
    /** Whether fetches translate through Sv39 at the current privilege. */
    private boolean translated;
    /** Whether PMP may deny a fetch at the current privilege (see {@link #fetchBlock} for what that costs). */
    private boolean protectedByPmp;
    /** The page {@link #fetchBlock} found its block on; null for a straddling instruction, which has none. */
    private CodePage fetchedPage;
    // Recent fetch translations, one per virtual page in a small direct-mapped memo, kept while the MMU's epoch
    // says the TLB entries behind them are unchanged (and satp and privilege are as they were): the fetch path
    // then skips the TLB lookup without ever seeing anything the TLB would not have given. More than one page:
    // real code calls across pages (busybox sha256sum spent a tenth of its time looking up fetch translations).
    private static final int MEMO = 16;
    private final long[] memoPages = new long[MEMO];
    private final long[] memoFrames = new long[MEMO];
    private long memoEpoch = -1;
    private long memoSatp;
    private int memoPriv;

    FetchUnit(Hart hart, Ram ram, DecodeCache decodeCache, Sv39Mmu mmu) {
        this.hart = hart;
        this.ram = ram;
        this.decodeCache = decodeCache;
        this.mmu = mmu;
    }

    /** Set by the hart whenever privilege, satp, mstatus or PMP change. */
    void setMode(boolean translated, boolean protectedByPmp) {
        this.translated = translated;
        this.protectedByPmp = protectedByPmp;
    }

    boolean translated() {
        return translated;
    }

    /** See {@link #fetchedPage}. */
    CodePage fetchedPage() {
        return fetchedPage;
    }

    private long translateFetch(long va) {
        long page = va >>> 12;
        int i = (int) page & (MEMO - 1);
        if (memoHolds() && memoPages[i] == page) {
            mmu.countReusedHits(1);
            return memoFrames[i] | (va & 0xFFF);
        }
        long pa = hart.translate(va, AccessType.FETCH);
        if (!memoHolds()) {
            Arrays.fill(memoPages, -1); // a fill (it may have evicted), a flush or a new context: all may be gone
            memoEpoch = mmu.fetchEpoch();
            memoSatp = hart.csr.satp;
            memoPriv = hart.priv;
        }
        memoPages[i] = page;
        memoFrames[i] = pa & ~0xFFFL;
        return pa;
    }

    /** True while the memo's translations are what the TLB would give: no fill or flush, same satp and privilege. */
    private boolean memoHolds() {
        return memoEpoch == mmu.fetchEpoch() && memoSatp == hart.csr.satp && memoPriv == hart.priv;
    }

    private long fetchAddress() {
        long pa = translated ? translateFetch(hart.pc) : hart.pc;
        if (!ram.contains(pa, 2) || (protectedByPmp && !hart.csr.pmp.permits(hart.priv, pa, 2, Pmp.X))) {
            throw new Trap(Cause.INSTRUCTION_ACCESS_FAULT, hart.pc);
        }
        return pa;
    }

    Insn fetch() {
        long pa = fetchAddress();
        Insn insn = decodeCached(decodeCache.page(pa), pa);
        if (protectedByPmp) {
            checkUpperParcel(insn, pa);
        }
        return insn;
    }

    /**
     * PMP's check of a decoded 4-byte instruction's second parcel, when it lies on the first one's page; one on the
     * next page is never cached, and decodeAt checks it every time.
     */
    private void checkUpperParcel(Insn insn, long pa) {
        if (insn.length() == 4 && ((pa + 2) & 0xFFF) != 0 && !hart.csr.pmp.permits(hart.priv, pa + 2, 2, Pmp.X)) {
            throw new Trap(Cause.INSTRUCTION_ACCESS_FAULT, hart.pc + 2);
        }
    }

    /**
     * The block at pc, built on first use; an instruction straddling two pages is a block of its own, uncached. So
     * is every instruction of a page PMP does not let this privilege execute whole: a block, the blocks chained to it
     * and their translation run with one fetch check, which must then hold for the whole page.
     */
    Block fetchBlock() {
        long pa = fetchAddress();
        CodePage page = decodeCache.page(pa);
        if (protectedByPmp && !hart.csr.pmp.grantsPage(hart.priv, pa, Pmp.X)) {
            Insn insn = decodeCached(page, pa);
            checkUpperParcel(insn, pa);
            fetchedPage = null;
            return new Block(new Insn[] {insn});
        }
        int slot = DecodeCache.slot(pa);
        Block block = page.blocks[slot];
        fetchedPage = page;
        if (block == null) {
            Insn first = decodeCached(page, pa);
            if (straddles(first, slot, page)) {
                fetchedPage = null;
                return new Block(new Insn[] {first});
            }
            block = new Block(BlockBuilder.build(page, pa, first, ram));
            page.blocks[slot] = block;
        }
        return block;
    }

    private Insn decodeCached(CodePage page, long pa) {
        int slot = DecodeCache.slot(pa);
        Insn insn = page.insns[slot];
        if (insn == null) {
            insn = decodeAt(pa);
            if (!straddles(insn, slot, page)) {
                page.insns[slot] = insn; // an instruction straddling two pages is decoded every time
            }
        }
        return insn;
    }

    private static boolean straddles(Insn insn, int slot, CodePage page) {
        return insn.length() == 4 && slot == page.insns.length - 1;
    }

    private Insn decodeAt(long pa) {
        int low = ram.load16(pa) & 0xFFFF;
        if (Decoder.isCompressed(low)) {
            return Decoder.decode(low);
        }
        long highPa = ((pa + 2) & 0xFFF) == 0 && translated ? hart.translate(hart.pc + 2, AccessType.FETCH) : pa + 2;
        if (!ram.contains(highPa, 2) || (protectedByPmp && !hart.csr.pmp.permits(hart.priv, highPa, 2, Pmp.X))) {
            throw new Trap(Cause.INSTRUCTION_ACCESS_FAULT, hart.pc + 2);
        }
        return Decoder.decode(low | (ram.load16(highPa) << 16));
    }
}
