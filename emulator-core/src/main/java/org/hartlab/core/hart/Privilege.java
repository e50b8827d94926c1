package org.hartlab.core.hart;

/** Privilege levels with their encodings in mstatus.MPP / sstatus.SPP. */
public final class Privilege {
    private Privilege() {
    }

    public static final int USER = 0;
    public static final int SUPERVISOR = 1;
    public static final int MACHINE = 3;

    public static String name(int level) {
        return switch (level) {
            case USER -> "U";
            case SUPERVISOR -> "S";
            case MACHINE -> "M";
            default -> "?" + level;
        };
    }
}
