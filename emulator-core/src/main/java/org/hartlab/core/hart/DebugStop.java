package org.hartlab.core.hart;

/** Unwinds an instruction that a debugger stopped before it changed any state; no stack trace, it is control flow. */
final class DebugStop extends RuntimeException {
    static final DebugStop INSTANCE = new DebugStop();

    private DebugStop() {
        super("debug stop", null, false, false);
    }
}
