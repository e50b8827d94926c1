package org.hartlab.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hartlab.core.bus.RamPhysicalMemory;
import org.hartlab.core.bus.Ram;
import org.hartlab.core.hart.Hart;
import org.hartlab.mmu.PageTableInspector;
import org.hartlab.mmu.Pte;
import org.hartlab.mmu.TlbEntryView;
import org.hartlab.mmu.WalkTrace;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * tlb marks an entry stale when the PTE in memory changed behind it: the test changes a PTE the way a buggy kernel
 * would (without an sfence) while the machine is held, and asks the shell.
 */
@Timeout(120)
class TlbCommandStaleTest {
    private record Found(int hart, TlbEntryView entry, long pteAddress, long pte) {
    }

    @Test
    void anEntryWhosePteChangedWithoutAnSfenceIsMarkedStale() throws IOException, InterruptedException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = new DumbTerminal("test", "dumb", new ByteArrayInputStream(new byte[0]), screen,
                StandardCharsets.UTF_8);
             ShellSession session = new ShellSession(terminal, new GuestConsole(terminal))) {
            CommandLine commands = HartlabShell.commandLine(session);
            session.boot(BootSettings.defaults());
            execute(commands, session, "run cow-race 100000000 &");
            String before = screen.toString(StandardCharsets.UTF_8);
            Found found = null;
            while (found == null) {
                Thread.sleep(5);
                // Find and change in one pause: a running cow-race rewrites its PTEs all the time.
                found = session.paused(() -> {
                    Found f = findUserEntry(session);
                    if (f != null) {
                        Ram ram = session.machine().bus().ram();
                        long moved = Pte.withPhysicalAddress(f.pte(), Pte.physicalAddress(f.pte()) ^ 0x1000);
                        ram.store64(f.pteAddress(), moved); // no sfence: the hart's entry still says the old page
                        execute(commands, session, "tlb " + f.hart());
                        ram.store64(f.pteAddress(), f.pte());
                    }
                    return f;
                });
            }
            Found f = found;
            execute(commands, session, "kill 1");
            String tlb = screen.toString(StandardCharsets.UTF_8).substring(before.length());
            String row = tlb.lines().filter(l -> l.contains("0x" + Long.toHexString(f.entry().virtualAddress()) + " "))
                    .findFirst().orElseThrow(() -> new AssertionError("no row for the entry in\n" + tlb));
            assertThat(row).containsPattern("STALE \\(page table: 0x[0-9a-f]+ " + "[r-][w-][x-]u[g-][a-][d-] 4K\\)");
            assertThat(tlb).containsPattern("hart " + f.hart() + ": \\d+ entr(y|ies), [1-9]\\d* stale");
        }
    }

    private static void execute(CommandLine commands, ShellSession session, String line) {
        HartlabShell.execute(commands, session, new ArrayList<>(List.of(line.split(" "))), line);
    }

    /** A valid 4 KiB entry of pid 1 (asid 1) that agrees with its page table, with its leaf PTE. */
    private static Found findUserEntry(ShellSession session) {
        var memory = RamPhysicalMemory.readOnly(session.machine().bus().ram());
        var proc = session.kernel().processTable().get(1);
        if (proc == null || proc.vmDestroyed()) {
            return null;
        }
        long satp = proc.vmMap().pmap().satp();
        for (Hart h : session.machine().harts()) {
            for (TlbEntryView e : h.mmu().entries()) {
                if (e.asid() != 1 || e.invalid() || TlbStaleness.disagreement(e, satp, memory) != null) {
                    continue;
                }
                WalkTrace walk = PageTableInspector.walk(memory, satp, e.virtualAddress());
                var leaf = walk.steps().getLast();
                return new Found(h.id(), e, leaf.pteAddress(), leaf.pte());
            }
        }
        return null;
    }
}
