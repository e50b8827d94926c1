package org.hartlab.core.aclint;

import java.util.List;
import org.hartlab.core.bus.BusFault;
import org.hartlab.core.bus.MmioDevice;
import org.hartlab.core.hart.Cause;
import org.hartlab.core.hart.Hart;

/**
 * ACLINT SSWI: one 32-bit {@code setssip} register per hart. Writing 1 posts a supervisor software interrupt
 * (mip.SSIP after the IPI delay); writing 0 does nothing and reads return 0, as the spec defines. The target
 * clears SSIP itself through sip. This is how the kernel sends TLB-shootdown IPIs.
 */
public final class Sswi implements MmioDevice {
    public static final long BASE = 0x02F0_0000L;

    private final int harts;
    private final IpiController ipis;

    public Sswi(List<Hart> harts, IpiController ipis) {
        this.harts = harts.size();
        this.ipis = ipis;
    }

    @Override
    public String name() {
        return "aclint-sswi";
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
        target(offset, bytes);
        return 0;
    }

    @Override
    public void store(long offset, int bytes, long value, int hartId) {
        int target = target(offset, bytes);
        if ((value & 1) != 0) {
            ipis.post(target, 1L << Cause.SSI);
        }
    }

    private int target(long offset, int bytes) {
        if (bytes != 4 || offset % 4 != 0 || offset / 4 >= harts) {
            throw BusFault.INSTANCE;
        }
        return (int) (offset / 4);
    }
}
