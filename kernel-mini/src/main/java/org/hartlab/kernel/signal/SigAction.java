package org.hartlab.kernel.signal;

/**
 * A signal's disposition, as struct sigaction on riscv64 holds it: handler (or SIG_DFL/SIG_IGN), flags, mask,
 * 8 bytes each at offsets 0, 8 and 16 (riscv64 has no sa_restorer).
 */
public record SigAction(long handler, long flags, long mask) {
    public static final SigAction DEFAULT = new SigAction(Sig.SIG_DFL, 0, 0);

    public boolean catches() {
        return handler != Sig.SIG_DFL && handler != Sig.SIG_IGN;
    }

    /** True when a signal with this action, not blocked, is discarded when sent: SIG_IGN, or a default ignore. */
    public boolean ignores(int signal) {
        return handler == Sig.SIG_IGN || handler == Sig.SIG_DFL && Sig.ignoredByDefault(signal);
    }

    /** True when the signal ends the process: SIG_DFL of a signal whose default action terminates. */
    public boolean kills(int signal) {
        return handler == Sig.SIG_DFL && !Sig.ignoredByDefault(signal);
    }
}
