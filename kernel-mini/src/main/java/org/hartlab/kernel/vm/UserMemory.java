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
    public static final class Fault extends Exception {
        public Fault(long va) {
            super("bad user address 0x" + Long.toHexString(va), null, false, false);
        }
    }

    private long physical(long va, int access) throws Fault {
        if (va < 0 || va >= VmMap.USER_END) {
            throw new Fault(va);
        }
        long pa = map.pmap().extract(va);
        if (pa < 0 || !Prot.allows(map.pmap().protection(va), access)) {
            VmFault.Result r = VmFault.fault(map.vm(), map, va, access, hart);
            if (r == VmFault.Result.SEGV || r == VmFault.Result.NO_MEMORY) {
                throw new Fault(va);
            }
            pa = map.pmap().extract(va);
        }
        return pa;
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

    public void write(long va, byte[] data) throws Fault {
        for (int i = 0; i < data.length; i++) {
            bus.write(physical(va + i, Prot.WRITE), data, i, 1);
        }
    }

    /** Writes into the process image regardless of protection (exec loading read-only segments). */
    public void writeAsLoader(long va, byte[] data) throws Fault {
        for (int i = 0; i < data.length; i++) {
            long pa = VmFault.pageIn(map, va + i, hart);
            if (pa < 0) {
                throw new Fault(va + i);
            }
            bus.write(pa, data, i, 1);
        }
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
        for (int i = 0; i < max; i++) {
            byte c = read(va + i, 1)[0];
            if (c == 0) {
                return s.toString();
            }
            s.append((char) (c & 0xFF));
        }
        throw new Fault(va);
    }
}
