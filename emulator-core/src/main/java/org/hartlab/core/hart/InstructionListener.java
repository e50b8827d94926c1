package org.hartlab.core.hart;

/** Sees each instruction just before a hart executes it; used for tracing and run digests. */
@FunctionalInterface
public interface InstructionListener {
    void beforeExecute(Hart hart, Insn insn);
}
