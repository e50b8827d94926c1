package org.hartlab.core.hart;

/** Exception and interrupt cause codes of the privileged specification (mcause/scause values). */
public final class Cause {
    private Cause() {
    }

    public static final int INSTRUCTION_MISALIGNED = 0;
    public static final int INSTRUCTION_ACCESS_FAULT = 1;
    public static final int ILLEGAL_INSTRUCTION = 2;
    public static final int BREAKPOINT = 3;
    public static final int LOAD_MISALIGNED = 4;
    public static final int LOAD_ACCESS_FAULT = 5;
    public static final int STORE_MISALIGNED = 6;
    public static final int STORE_ACCESS_FAULT = 7;
    public static final int ECALL_FROM_U = 8;
    public static final int ECALL_FROM_S = 9;
    public static final int ECALL_FROM_M = 11;
    public static final int INSTRUCTION_PAGE_FAULT = 12;
    public static final int LOAD_PAGE_FAULT = 13;
    public static final int STORE_PAGE_FAULT = 15;

    /** Interrupt numbers (bit positions in mip/mie). */
    public static final int SSI = 1, MSI = 3, STI = 5, MTI = 7, SEI = 9, MEI = 11;

    private static final String[] EXCEPTIONS = {
        "instruction address misaligned", "instruction access fault", "illegal instruction", "breakpoint",
        "load address misaligned", "load access fault", "store/AMO address misaligned", "store/AMO access fault",
        "environment call from U-mode", "environment call from S-mode", "reserved (10)",
        "environment call from M-mode", "instruction page fault", "load page fault", "reserved (14)",
        "store/AMO page fault"};

    public static String describe(int cause, boolean interrupt) {
        if (interrupt) {
            return switch (cause) {
                case SSI -> "supervisor software interrupt";
                case MSI -> "machine software interrupt";
                case STI -> "supervisor timer interrupt";
                case MTI -> "machine timer interrupt";
                case SEI -> "supervisor external interrupt";
                case MEI -> "machine external interrupt";
                default -> "interrupt " + cause;
            };
        }
        return cause >= 0 && cause < EXCEPTIONS.length ? EXCEPTIONS[cause] : "exception " + cause;
    }
}
