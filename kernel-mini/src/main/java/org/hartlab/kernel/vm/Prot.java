package org.hartlab.kernel.vm;

/** Memory protection bits as mmap(2) spells them (PROT_READ, PROT_WRITE, PROT_EXEC). */
public final class Prot {
    private Prot() {
    }

    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int EXEC = 4;

    public static boolean allows(int prot, int needed) {
        return (prot & needed) == needed;
    }

    /** {@code prot} as ls and /proc/PID/maps spell it: "rw-", "r-x", "---". */
    public static String describe(int prot) {
        return (allows(prot, READ) ? "r" : "-") + (allows(prot, WRITE) ? "w" : "-") + (allows(prot, EXEC) ? "x" : "-");
    }
}
