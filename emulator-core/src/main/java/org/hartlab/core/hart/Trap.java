package org.hartlab.core.hart;

/**
 * A synchronous exception raised while executing an instruction. Thrown from deep inside memory access or
 * CSR code and caught once per instruction slice by the hart, which then takes the trap; it has no stack
 * trace because it is control flow, not a diagnostic.
 */
public final class Trap extends RuntimeException {
    private final int cause;
    private final long tval;

    public Trap(int cause, long tval) {
        super(null, null, false, false);
        this.cause = cause;
        this.tval = tval;
    }

    public int cause() {
        return cause;
    }

    public long tval() {
        return tval;
    }

    @Override
    public String getMessage() {
        return Cause.describe(cause, false) + " tval=0x" + Long.toHexString(tval);
    }
}
