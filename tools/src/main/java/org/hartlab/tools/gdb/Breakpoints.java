package org.hartlab.tools.gdb;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hartlab.core.debug.DebugTarget;
import org.hartlab.core.debug.WatchKind;

/**
 * The breakpoints and watchpoints GDB has inserted ({@code Z0}–{@code Z4}), kept so that a stop can be named
 * {@code swbreak} or {@code hwbreak} and so that a detach or a dropped connection can take them all out again.
 * The target has one kind of breakpoint; an address stays set there while either kind is inserted at it.
 */
final class Breakpoints {
    private record Watch(WatchKind kind, long address, int length) {
    }

    private final DebugTarget target;
    private final Set<Long> software = new HashSet<>();
    private final Set<Long> hardware = new HashSet<>();
    private final List<Watch> watches = new ArrayList<>();

    Breakpoints(DebugTarget target) {
        this.target = target;
    }

    void setBreakpoint(long address, boolean hardwareKind, boolean present) {
        Set<Long> set = hardwareKind ? hardware : software;
        if (present) {
            set.add(address);
        } else {
            set.remove(address);
        }
        target.setBreakpoint(address, software.contains(address) || hardware.contains(address));
    }

    /** True if GDB asked for a hardware breakpoint at {@code address} and not a software one. */
    boolean isHardwareOnly(long address) {
        return hardware.contains(address) && !software.contains(address);
    }

    void setWatchpoint(WatchKind kind, long address, int length, boolean present) {
        Watch w = new Watch(kind, address, length);
        if (present) {
            watches.add(w);
        } else if (!watches.remove(w)) {
            return; // never inserted: nothing to take out
        }
        target.setWatchpoint(kind, address, length, present);
    }

    /** Removes everything GDB inserted. */
    void clear() {
        for (long a : software) {
            target.setBreakpoint(a, false);
        }
        for (long a : hardware) {
            target.setBreakpoint(a, false);
        }
        for (Watch w : watches) {
            target.setWatchpoint(w.kind(), w.address(), w.length(), false);
        }
        software.clear();
        hardware.clear();
        watches.clear();
    }
}
