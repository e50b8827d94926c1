package org.hartlab.kernel.vm;

import org.hartlab.core.bus.Bus;
import org.hartlab.core.bus.Ram;
import org.hartlab.core.hart.Hart;

/**
 * copyin/copyout: the kernel's access to a process's memory, page by page through its pmap, faulting pages in
 * as the process itself would. The kernel reads the page table in software rather than through the hart's TLB.
 */
public final class UserMemory {
    private final VmMap map;
    private final Bus bus;
    private final Hart hart;

    public UserMemory(VmMap map, Bus bus, Hart hart) {
        this.map = map;
        this.bus = bus;
        this.hart = hart;
    }

    /** Thrown for an address the process may not access that way; syscalls return EFAULT. */
    /** How much of a string {@link #readString} takes at a time: paths and arguments are short. */
    private static final int STRING_CHUNK = 256;
    /** Faults one access may take before it is EFAULT: a copy, its upgrade, and room for a map changed meanwhile. */
    private static final int MAX_FAULTS = 8;

    public static final class Fault extends Exception {
        public Fault(long va) {
            super("bad user address 0x" + Long.toHexString(va), null, false, false);
        }
    }

    private long physical(long va, int access) throws Fault {
        if (va < 0 || va >= VmMap.USER_END) {
            throw new Fault(va);
        }
        // As Linux's uaccess, fault until the page table allows the access: a two-stage COW fault maps its copy
        // read-only first, and only the retried fault upgrades it.
        for (int tries = 0; tries < MAX_FAULTS; tries++) {
            long pa = map.pmap().extract(va);
            if (pa >= 0 && Prot.allows(map.pmap().protection(va), access)) {
                return pa;
            }
            VmFault.Result r = VmFault.fault(map.vm(), map, va, access, hart);
            if (r == VmFault.Result.SEGV || r == VmFault.Result.NO_MEMORY) {
                throw new Fault(va);
            }
        }
        throw new Fault(va); // the map kept changing under every retry: give up as on an unresolvable fault
    }

    public byte[] read(long va, int length) throws Fault {
        byte[] out = new byte[length];
        Ram ram = bus.ram();
        long pa = 0;
        for (int i = 0; i < length; i++) {
            long a = va + i;
            if (i == 0 || (a & 0xFFF) == 0) {
                pa = physical(a, Prot.READ);
            } else {
                pa++;
            }
            out[i] = ram.load8(pa);
        }
        return out;
    }

    /**
     * Writes {@code data} at {@code va} page by page, each page faulted in (a copy-on-write copy, a zero fill) and
     * checked before its bytes go in: a bad page ends the write there, the pages before it written, as Linux's
     * copy_to_user leaves them.
     */
    public void write(long va, byte[] data) throws Fault {
        for (int i = 0, n; i < data.length; i += n) {
            n = pageRun(va + i, data.length - i);
            bus.write(physical(va + i, Prot.WRITE), data, i, n);
        }
    }

    /** Writes into the process image regardless of protection (exec loading read-only segments). */
    public void writeAsLoader(long va, byte[] data) throws Fault {
        for (int i = 0, n; i < data.length; i += n) {
            n = pageRun(va + i, data.length - i);
            long pa = VmFault.pageIn(map, va + i, hart);
            if (pa < 0) {
                throw new Fault(va + i);
            }
            bus.write(pa, data, i, n);
        }
    }

    /** How many of {@code left} bytes from {@code va} lie on its page. */
    private static int pageRun(long va, int left) {
        return (int) Math.min(left, VmMap.PAGE - (va & (VmMap.PAGE - 1)));
    }

    public void write64(long va, long value) throws Fault {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        write(va, b);
    }

    public long read64(long va) throws Fault {
        byte[] b = read(va, 8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return v;
    }

    /** Reads a NUL-terminated string of at most {@code max} bytes. */
    public String readString(long va, int max) throws Fault {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < max; ) {
            // A run stays on one page: none past the NUL's is touched.
            byte[] run = read(va + i, Math.min(pageRun(va + i, max - i), STRING_CHUNK));
            for (byte c : run) {
                if (c == 0) {
                    return s.toString();
                }
                s.append((char) (c & 0xFF));
            }
            i += run.length;
        }
        throw new Fault(va);
    }
}
