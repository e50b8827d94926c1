package org.hartlab.core.hart;

import org.hartlab.core.bus.Ram;

/**
 * The A extension. AMOs are single atomic read-modify-writes on RAM (so they stay atomic across harts in the
 * parallel engine); LR reads the word, then registers a reservation, and SC succeeds only if the reservation still
 * holds and the word still has the value LR read (see {@link org.hartlab.core.bus.Reservations} for why both).
 */
final class Atomics {
    private Atomics() {
    }

    static void execute(Hart h, Insn i) {
        int op = i.op();
        boolean word = op <= Op.AMOMAXU_W;
        int size = word ? 4 : 8;
        int base = word ? Op.LR_W : Op.LR_D;
        int kind = op - base; // 0 lr, 1 sc, 2 swap, 3 add, 4 xor, 5 and, 6 or, 7 min, 8 max, 9 minu, 10 maxu
        if (op < Op.LR_W || op > Op.AMOMAXU_D) {
            throw new IllegalStateException("not an atomic op: " + i);
        }
        long va = h.x[i.rs1()];
        long src = h.x[i.rs2()];
        if (kind == 0) {
            long pa = h.lsu.atomicAddress(va, size, true);
            long v = word ? h.ram().loadVolatile32(pa) : h.ram().loadVolatile64(pa);
            h.reservedValue = v;
            h.bus().reservations().reserve(h.id(), pa);
            h.x[i.rd()] = v;
            return;
        }
        long pa = h.lsu.atomicAddress(va, size, false);
        if (kind == 1) {
            h.x[i.rd()] = storeConditional(h, pa, src, word) ? 0 : 1;
            return;
        }
        Ram ram = h.ram();
        long old;
        if (h.bus().reservations().anyActive()) {
            long[] result = new long[1];
            h.bus().reservations().storeAtomically(pa, size, h.id(),
                    () -> result[0] = word ? amo32(ram, pa, (int) src, kind) : amo64(ram, pa, src, kind));
            old = result[0];
        } else {
            old = word ? amo32(ram, pa, (int) src, kind) : amo64(ram, pa, src, kind);
        }
        h.lsu.afterStore(pa, size);
        h.x[i.rd()] = old;
    }

    /** SC: see {@link org.hartlab.core.bus.Reservations} for why it succeeds exactly when the ISA lets it. */
    private static boolean storeConditional(Hart h, long pa, long value, boolean word) {
        int size = word ? 4 : 8;
        boolean stored = h.bus().reservations().storeConditional(h.id(), pa, size, h.reservedValue, value, h.ram());
        if (stored) {
            h.lsu.afterStore(pa, size);
        }
        return stored;
    }

    private static long amo64(Ram ram, long pa, long src, int kind) {
        switch (kind) {
            case 2 -> {
                return ram.getAndSet64(pa, src);
            }
            case 3 -> {
                return ram.getAndAdd64(pa, src);
            }
            default -> {
                long old;
                do {
                    old = ram.loadVolatile64(pa);
                } while (!ram.compareAndSet64(pa, old, combine(old, src, kind)));
                return old;
            }
        }
    }

    /** Returns the old 32-bit value sign-extended, as AMO*.W writes it to rd. */
    private static long amo32(Ram ram, long pa, int src, int kind) {
        switch (kind) {
            case 2 -> {
                return ram.getAndSet32(pa, src);
            }
            case 3 -> {
                return ram.getAndAdd32(pa, src);
            }
            default -> {
                int old;
                do {
                    old = ram.loadVolatile32(pa);
                } while (!ram.compareAndSet32(pa, old, (int) combine32(old, src, kind)));
                return old;
            }
        }
    }

    private static long combine(long a, long b, int kind) {
        return switch (kind) {
            case 4 -> a ^ b;
            case 5 -> a & b;
            case 6 -> a | b;
            case 7 -> Math.min(a, b);
            case 8 -> Math.max(a, b);
            case 9 -> Long.compareUnsigned(a, b) <= 0 ? a : b;
            default -> Long.compareUnsigned(a, b) >= 0 ? a : b;
        };
    }

    private static long combine32(int a, int b, int kind) {
        return switch (kind) {
            case 4 -> a ^ b;
            case 5 -> a & b;
            case 6 -> a | b;
            case 7 -> Math.min(a, b);
            case 8 -> Math.max(a, b);
            case 9 -> Integer.compareUnsigned(a, b) <= 0 ? a : b;
            default -> Integer.compareUnsigned(a, b) >= 0 ? a : b;
        };
    }
}
