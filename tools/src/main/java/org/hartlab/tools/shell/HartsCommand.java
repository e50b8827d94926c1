package org.hartlab.tools.shell;

import java.util.Locale;
import org.hartlab.core.hart.Hart;
import org.hartlab.core.hart.Privilege;
import org.hartlab.kernel.proc.KThread;
import org.hartlab.mmu.TlbStatistics;
import picocli.CommandLine.Command;

/** {@code harts}: what every hart is doing. */
@Command(name = "harts", mixinStandardHelpOptions = true,
        description = {"Per hart: state, privilege, pc, pid/tid, instructions, TLB hit rate.",
            "State: running (a user thread), idle (the kernel's idle loop), wfi (asleep until an interrupt)."})
final class HartsCommand extends ShellCommand {
    HartsCommand(ShellSession session) {
        super(session);
    }

    @Override
    protected int execute() {
        Table table = new Table("HART", "STATE", "PRIV", "PC", "PID", "TID", "INSTRUCTIONS", "TLB HITS");
        session.paused(() -> {
            for (Hart h : session.machine().harts()) {
                KThread t = session.kernel().scheduler().current(h);
                String state = t != null ? "running" : h.isWaitingForInterrupt() ? "wfi" : "idle";
                table.row(h.id(), state, Privilege.name(h.privilege()), Format.hex(h.pc()),
                        t == null ? "-" : t.proc().pid(), t == null ? "-" : t.tid(), h.instret(),
                        hitRate(h.mmu().statistics()));
            }
        });
        table.print(out());
        return 0;
    }

    /** Hits over Sv39 lookups, as a percentage; "-" before the first lookup. */
    static String hitRate(TlbStatistics s) {
        long lookups = s.hits() + s.misses();
        return lookups == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * s.hits() / lookups);
    }
}
