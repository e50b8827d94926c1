package org.hartlab.kernel.signal;

/**
 * One pending instance of a signal, as it fills a struct siginfo (128 bytes on riscv64): si_signo, si_errno,
 * si_code, then a union whose fields depend on the sender: {@code first} is si_pid (kill, tgkill, SIGCHLD)
 * or si_addr (a fault, 64 bits); {@code status} is SIGCHLD's si_status after si_uid (which is always 0).
 */
public record SigInfo(int signo, int code, long first, int status) {
    static final int SIZE = 128;
    private static final int PID_OR_ADDR = 16, STATUS = 24;

    /** kill, tkill, tgkill from process {@code pid}. */
    public static SigInfo sentBy(int signo, int code, int pid) {
        return new SigInfo(signo, code, pid, 0);
    }

    /** The bytes of the struct siginfo. */
    byte[] bytes() {
        byte[] b = new byte[SIZE];
        putLe(b, 0, signo, 4);
        putLe(b, 8, code, 4);
        boolean fault = code > 0 && (Sig.SYNCHRONOUS & Sig.bit(signo)) != 0;
        putLe(b, PID_OR_ADDR, first, fault ? 8 : 4);
        if (signo == Sig.SIGCHLD && code > 0) {
            putLe(b, STATUS, status, 4);
        }
        return b;
    }

    static void putLe(byte[] b, int at, long value, int size) {
        for (int i = 0; i < size; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
