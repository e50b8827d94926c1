package org.hartlab.core.debug;

import java.util.stream.Collectors;
import org.hartlab.core.Machine;
import org.hartlab.core.bus.RamPhysicalMemory;
import org.hartlab.core.hart.Hart;
import org.hartlab.mmu.PageTableInspector;
import org.hartlab.mmu.TlbEntryView;
import org.hartlab.mmu.TlbStatistics;
import org.hartlab.mmu.WalkStep;
import org.hartlab.mmu.WalkTrace;

/** The debugger's {@code monitor} commands: a window on state GDB has no words for (TLBs, page tables, counters). */
final class MonitorCommands {
    private static final String HELP = """
            monitor commands:
              harts          every hart: privilege, pc, instructions, wfi
              tlb N          hart N's TLB entries
              pt VA [N]      walk VA through hart N's page table (default hart 0)
              stats          TLB and IPI counters
              phys on|off    read and write memory by physical address
              stale on|off   stop before any load, store or atomic through a stale TLB entry
            """;

    private final Machine machine;
    private final DebugTarget target;

    MonitorCommands(Machine machine, DebugTarget target) {
        this.machine = machine;
        this.target = target;
    }

    String run(String line) {
        String[] words = line.trim().split("\\s+");
        try {
            return switch (words[0]) {
                case "", "help" -> HELP;
                case "harts" -> harts();
                case "tlb" -> tlb(hartArg(words, 1));
                case "pt" -> pageTable(words);
                case "stats" -> stats();
                case "phys" -> phys(words);
                case "stale" -> stale(words);
                default -> "unknown monitor command '" + words[0] + "'\n" + HELP;
            };
        } catch (IllegalArgumentException e) {
            return e.getMessage() + "\n";
        }
    }

    private int hartArg(String[] words, int index) {
        if (words.length <= index) {
            throw new IllegalArgumentException("usage: " + words[0] + " N (hart number)");
        }
        try {
            int n = Integer.parseInt(words[index]);
            if (n < 0 || n >= target.hartCount()) {
                throw new IllegalArgumentException("no hart " + n + " (there are " + target.hartCount() + ")");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a hart number: " + words[index]);
        }
    }

    private String harts() {
        StringBuilder out = new StringBuilder();
        for (Hart h : machine.harts()) {
            out.append(target.describeHart(h.id())).append(" instret=").append(h.instret()).append('\n');
        }
        return out.toString();
    }

    private String tlb(int hart) {
        var entries = machine.hart(hart).mmu().entries();
        if (entries.isEmpty()) {
            return "hart " + hart + ": TLB empty\n";
        }
        return entries.stream().map(MonitorCommands::entry).collect(Collectors.joining("\n", "", "\n"));
    }

    private static String entry(TlbEntryView e) {
        return "%-7s va=0x%011x pa=0x%014x %s asid=%d %s%s%s%s%s%s%s".formatted(e.tlb(), e.virtualAddress(),
                e.physicalAddress(), e.pageSize(), e.asid(), e.readable() ? "r" : "-", e.writable() ? "w" : "-",
                e.executable() ? "x" : "-", e.user() ? "u" : "-", e.global() ? "g" : "-", e.accessed() ? "a" : "-",
                e.dirty() ? "d" : "-");
    }

    private String pageTable(String[] words) {
        if (words.length < 2) {
            throw new IllegalArgumentException("usage: pt VA [HART]");
        }
        long va;
        try {
            va = Long.parseUnsignedLong(words[1].replaceFirst("^0x", ""), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a hex address: " + words[1]);
        }
        int hart = words.length > 2 ? hartArg(words, 2) : 0;
        long satp = machine.hart(hart).csrs().satp();
        if ((satp >>> 60) == 0) {
            return "hart " + hart + ": satp is Bare, no page table\n";
        }
        WalkTrace walk = PageTableInspector.walk(RamPhysicalMemory.readOnly(machine.bus().ram()), satp, va);
        StringBuilder out = new StringBuilder();
        for (WalkStep s : walk.steps()) {
            out.append("level %d pte@0x%x = 0x%016x %s%n".formatted(s.level(), s.pteAddress(), s.pte(), s.decoded()));
        }
        out.append(walk.fault() != null ? "fault: " + walk.fault() : "pa=0x" + Long.toHexString(walk.physicalAddress()))
                .append('\n');
        return out.toString();
    }

    private String stats() {
        StringBuilder out = new StringBuilder();
        for (Hart h : machine.harts()) {
            TlbStatistics s = h.mmu().statistics();
            out.append("hart %d: tlb hits=%d misses=%d walks=%d flushes=%d spurious=%d%n".formatted(h.id(), s.hits(),
                    s.misses(), s.walks(), s.flushes(), s.spuriousFaults()));
        }
        out.append("ipis posted=%d delivered=%d%n".formatted(machine.ipis().posted(), machine.ipis().delivered()));
        return out.toString();
    }

    private String stale(String[] words) {
        if (words.length < 2 || !(words[1].equals("on") || words[1].equals("off"))) {
            throw new IllegalArgumentException("usage: stale on|off");
        }
        boolean on = words[1].equals("on");
        if (!target.setStopOnStale(on)) {
            return "this target cannot watch for stale accesses\n";
        }
        return on ? "continue and step now stop before an access through a stale TLB entry (harts run instruction by"
                + " instruction)\n" : "stale accesses no longer stop the machine\n";
    }

    private String phys(String[] words) {
        if (words.length < 2 || !(words[1].equals("on") || words[1].equals("off"))) {
            throw new IllegalArgumentException("usage: phys on|off");
        }
        target.setPhysicalMemory(words[1].equals("on"));
        return "memory accesses are now " + (target.physicalMemory() ? "physical" : "virtual (through the hart's page table)")
                + "\n";
    }
}
