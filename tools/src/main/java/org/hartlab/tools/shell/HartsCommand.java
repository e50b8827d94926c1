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
            "State: running (a user thread), kernel (in the kernel on its thread's behalf, as a halt can find it; "
                + "PC is then where the thread trapped), idle (the kernel's idle loop), wfi (asleep until an "
                + "interrupt)."})
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
                boolean inKernel = t != null && h.privilege() == Privilege.SUPERVISOR;
                String state = inKernel ? "kernel" : t != null ? "running" : h.isWaitingForInterrupt() ? "wfi" : "idle";
                long pc = inKernel ? h.csrs().sepc() : h.pc();
                table.row(h.id(), state, Privilege.name(h.privilege()), Format.hex(pc),
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
