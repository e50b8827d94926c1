package org.hartlab.core.hart;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.hartlab.core.bus.Bus;
import org.hartlab.core.bus.Ram;

/**
 * Decoded instructions cached per physical RAM page, shared by all harts. A page's entry is dropped when any
 * store lands on it (the bus flags decoded pages) and everything is dropped on FENCE.I, so self-modifying code
 * and program loading behave as the ISA requires without the interpreter re-decoding hot code.
 */
public final class DecodeCache {
    private static final int SLOTS_PER_PAGE = 1 << (Bus.PAGE_SHIFT - 1);
    private static final VarHandle PAGES = MethodHandles.arrayElementVarHandle(CodePage[].class);

    private final Bus bus;
    private final CodePage[] pages;

    public DecodeCache(Bus bus) {
        this.bus = bus;
        this.pages = new CodePage[(int) (bus.ram().size() >>> Bus.PAGE_SHIFT)];
        bus.setCodeWatcher((pa, bytes, hart) -> invalidate(pa));
    }

    /** The decoded slots of the RAM page holding {@code pa}; the caller has checked that pa is RAM. */
    CodePage page(long pa) {
        int index = (int) ((pa - Ram.BASE) >>> Bus.PAGE_SHIFT);
        CodePage page = pages[index];
        if (page == null) {
            page = new CodePage(SLOTS_PER_PAGE);
            PAGES.setRelease(pages, index, page);
            bus.setFlag(pa, Bus.FLAG_CODE);
        }
        return page;
    }

    static int slot(long pa) {
        return (int) (pa & ((1 << Bus.PAGE_SHIFT) - 1)) >>> 1;
    }

    private void invalidate(long pa) {
        // Flag first, page second: a hart that re-creates the page meanwhile sets the flag again after us.
        bus.clearFlag(pa, Bus.FLAG_CODE);
        PAGES.setRelease(pages, (int) ((pa - Ram.BASE) >>> Bus.PAGE_SHIFT), (CodePage) null);
    }

    /** FENCE.I: forget every decoded instruction. */
    void flushAll() {
        for (int i = 0; i < pages.length; i++) {
            if (pages[i] != null) {
                invalidate(Ram.BASE + ((long) i << Bus.PAGE_SHIFT));
            }
        }
    }
}
