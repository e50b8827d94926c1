package org.hartlab.core.aclint;

import java.util.List;
import org.hartlab.core.bus.BusFault;
import org.hartlab.core.bus.MmioDevice;
import org.hartlab.core.hart.Cause;
import org.hartlab.core.hart.Hart;

/**
 * ACLINT MSWI, CLINT-compatible: one 32-bit {@code msip} register per hart. Writing 1 posts a machine software
 * interrupt (delivered after the IPI delay); writing 0 clears it and drops any still in flight. Reads return
 * the register as last written.
 */
public final class Mswi implements MmioDevice {
    public static final long BASE = 0x0200_0000L;
    private static final long MSIP = 1L << Cause.MSI;

    private final List<Hart> harts;
    private final IpiController ipis;
    private final int[] msip;

    public Mswi(List<Hart> harts, IpiController ipis) {
        this.harts = harts;
        this.ipis = ipis;
        this.msip = new int[harts.size()];
    }

    @Override
    public String name() {
        return "aclint-mswi";
    }

    @Override
    public long base() {
        return BASE;
    }

    @Override
    public long size() {
        return 0x4000;
    }

    @Override
    public long load(long offset, int bytes, int hartId) {
        int target = target(offset, bytes);
        synchronized (msip) {
            return msip[target];
        }
    }

    @Override
    public void store(long offset, int bytes, long value, int hartId) {
        int target = target(offset, bytes);
        int bit = (int) value & 1;
        synchronized (msip) {
            msip[target] = bit;
        }
        if (bit != 0) {
            ipis.post(target, MSIP);
        } else {
            ipis.cancel(target, MSIP);
            harts.get(target).csrs().lower(MSIP);
        }
    }

    private int target(long offset, int bytes) {
        if (bytes != 4 || offset % 4 != 0 || offset / 4 >= harts.size()) {
            throw BusFault.INSTANCE;
        }
        return (int) (offset / 4);
    }
}
