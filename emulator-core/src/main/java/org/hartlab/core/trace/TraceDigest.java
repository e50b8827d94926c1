package org.hartlab.core.trace;

import org.hartlab.core.hart.Hart;
import org.hartlab.core.hart.Insn;
import org.hartlab.core.hart.InstructionListener;

/**
 * A running digest of the full instruction trace — which hart executed which instruction at which pc, in
 * order — so two runs can be compared for being identical without storing billions of records.
 */
public final class TraceDigest implements InstructionListener {
    private long hash = 0xCBF2_9CE4_8422_2325L;
    private long instructions;

    @Override
    public synchronized void beforeExecute(Hart hart, Insn insn) {
        mix(hart.id());
        mix(hart.pc());
        mix(insn.bits());
        instructions++;
    }

    private void mix(long v) {
        // FNV-1a over the value's 8 bytes, then a final avalanche in value(): cheap and order-sensitive.
        for (int i = 0; i < 8; i++) {
            hash ^= (v >>> (8 * i)) & 0xFF;
            hash *= 0x100_0000_01B3L;
        }
    }

    public synchronized long value() {
        long h = hash;
        h ^= h >>> 33;
        h *= 0xFF51_AFD7_ED55_8CCDL;
        h ^= h >>> 33;
        return h;
    }

    public synchronized long instructions() {
        return instructions;
    }
}
