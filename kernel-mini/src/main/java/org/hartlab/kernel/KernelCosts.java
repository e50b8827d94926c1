package org.hartlab.kernel;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The guest time the hosted kernel's work takes, in guest cycles (one cycle is one instruction of a hart, so a
 * microsecond of a nominal 1 GHz core is 1,000 cycles). The kernel is Java code that runs between two guest
 * instructions; charging these cycles ({@link org.hartlab.core.Machine#spend}) keeps the trapping hart busy
 * while the other harts run on, as on a real machine, where a fork, a page copy or a TLB shootdown leaves the
 * other cores thousands of instructions to race through.
 *
 * <p>{@link #REALISTIC} rounds published measurements of real kernels on real hardware (the README gives the
 * sources); {@link #ZERO} is the free kernel of earlier hartlab versions, instruction for instruction.
 *
 * @param trap          entering and leaving the kernel, every trap (exception or interrupt)
 * @param syscall       a system call's dispatch, on top of the trap
 * @param fault         vm_fault's lookup and bookkeeping, on top of the trap
 * @param pageZero      zeroing a 4 KiB page
 * @param pageCopy      copying a 4 KiB page (a COW copy)
 * @param fork          fork's fixed part (process and thread structures)
 * @param forkMapping   fork, per map entry copied
 * @param forkPage      fork, per resident page shared and write-protected
 * @param forkTable     fork, per page-table page of the parent
 * @param exit          tearing an address space down, fixed part
 * @param exitPage      teardown, per resident page freed
 * @param ipiSend       posting a shootdown request and sending its IPI, per target hart
 * @param ipiTake       taking a shootdown IPI: handler, flush and acknowledgement
 * @param tlbFlush      an {@code sfence.vma} the kernel runs
 * @param spin          one round of a kernel wait (a lock spin, a shootdown or busy-page wait)
 * @param contextSwitch switching a hart to another thread
 */
public record KernelCosts(long trap, long syscall, long fault, long pageZero, long pageCopy, long fork,
                          long forkMapping, long forkPage, long forkTable, long exit, long exitPage, long ipiSend,
                          long ipiTake, long tlbFlush, long spin, long contextSwitch) {

    /**
     * The IPI delivery delay the hosted kernel runs with unless told otherwise, in target-hart cycles: an IPI's
     * round trip of 1–3 µs on current hardware (see the README), at the nominal 1 GHz.
     */
    public static final String IPI_DELAY = "1000..3000";

    /** Every kernel path free: the kernel runs between two instructions, as before the time model. */
    public static final KernelCosts ZERO = new KernelCosts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Rounded from published measurements; see the README's "Guest time for the kernel" for the sources. */
    public static final KernelCosts REALISTIC = new KernelCosts(
            150, 50, 700, 250, 500, 25_000, 300, 10, 200, 10_000, 20, 200, 500, 50, 20, 1_500);

    public KernelCosts {
        for (Map.Entry<String, Long> e : named(trap, syscall, fault, pageZero, pageCopy, fork, forkMapping, forkPage,
                forkTable, exit, exitPage, ipiSend, ipiTake, tlbFlush, spin, contextSwitch).entrySet()) {
            if (e.getValue() < 0 || e.getValue() > MAX) {
                throw new IllegalArgumentException("kernel cost %s must be 0..%d cycles, got %d"
                        .formatted(e.getKey(), MAX, e.getValue()));
            }
        }
    }

    /** The largest single cost: ten guest seconds' worth of a nominal 1 GHz core. */
    private static final long MAX = 10_000_000_000L;

    /** The costs by the names {@link #parse} takes, in declaration order. */
    public Map<String, Long> byName() {
        return named(trap, syscall, fault, pageZero, pageCopy, fork, forkMapping, forkPage, forkTable, exit,
                exitPage, ipiSend, ipiTake, tlbFlush, spin, contextSwitch);
    }

    private static Map<String, Long> named(long... values) {
        String[] names = {"trap", "syscall", "fault", "page-zero", "page-copy", "fork", "fork-mapping", "fork-page",
            "fork-table", "exit", "exit-page", "ipi-send", "ipi-take", "tlb-flush", "spin", "context-switch"};
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            map.put(names[i], values[i]);
        }
        return map;
    }

    /**
     * Parses {@code --kernel-costs}: a profile ({@code zero} or {@code realistic}), optionally followed by
     * {@code ,NAME=CYCLES} settings, or settings alone (on top of realistic): {@code realistic,fork=50000},
     * {@code page-copy=0}.
     *
     * @throws IllegalArgumentException with a one-line message naming what is wrong
     */
    public static KernelCosts parse(String text) {
        String[] parts = text.strip().split(",");
        KernelCosts base = REALISTIC;
        int first = 0;
        switch (parts[0].strip().toLowerCase(Locale.ROOT)) {
            case "zero" -> {
                base = ZERO;
                first = 1;
            }
            case "realistic" -> first = 1;
            default -> {
                if (!parts[0].contains("=")) {
                    throw new IllegalArgumentException("kernel costs must be zero, realistic or NAME=CYCLES,..., got '"
                            + text + "'");
                }
            }
        }
        Map<String, Long> costs = base.byName();
        for (int i = first; i < parts.length; i++) {
            String[] kv = parts[i].strip().split("=", 2);
            String name = kv[0].strip().toLowerCase(Locale.ROOT);
            if (kv.length != 2 || !costs.containsKey(name)) {
                throw new IllegalArgumentException("unknown kernel cost '" + parts[i].strip() + "' (known: "
                        + String.join(", ", costs.keySet()) + ")");
            }
            try {
                costs.put(name, Long.parseLong(kv[1].strip().replace("_", "")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("kernel cost " + name + " must be a number of cycles, got '"
                        + kv[1].strip() + "'");
            }
        }
        long[] v = costs.values().stream().mapToLong(Long::longValue).toArray();
        return new KernelCosts(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
                v[13], v[14], v[15]);
    }

    /** A fork of an address space with these many map entries, resident pages and page-table pages. */
    public long forkOf(long mappings, long pages, long tables) {
        return fork + mappings * forkMapping + pages * forkPage + tables * forkTable;
    }

    /** The teardown of an address space holding {@code pages} resident pages. */
    public long exitOf(long pages) {
        return exit + pages * exitPage;
    }

    /** Whether kernel waits take guest time; when they do not, a waiting hart's IPI clock stands still. */
    public boolean waitsTakeTime() {
        return spin > 0;
    }

    @Override
    public String toString() {
        if (equals(ZERO)) {
            return "zero";
        }
        if (equals(REALISTIC)) {
            return "realistic";
        }
        StringBuilder b = new StringBuilder("realistic");
        REALISTIC.byName().forEach((name, cycles) -> {
            long mine = byName().get(name);
            if (mine != cycles) {
                b.append(',').append(name).append('=').append(mine);
            }
        });
        return b.toString();
    }
}
