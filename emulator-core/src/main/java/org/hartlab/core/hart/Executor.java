package org.hartlab.core.hart;

/**
 * The semantics of every operation, one case each. Kept to simple expressions and calls into {@link Hart},
 * {@link Alu}, {@link Atomics} and {@link Fpu} so the method stays small enough for HotSpot to compile (8000 bytecodes).
 */
final class Executor {
    private Executor() {
    }

    static void execute(Hart h, Insn i) {
        long[] x = h.x;
        long pc = h.pc;
        long next = pc + i.length();
        switch (i.op()) {
            case Op.LUI -> x[i.rd()] = i.imm();
            case Op.AUIPC -> x[i.rd()] = pc + i.imm();
            case Op.JAL -> {
                x[i.rd()] = next;
                next = pc + i.imm();
            }
            case Op.JALR -> {
                long target = (x[i.rs1()] + i.imm()) & ~1L;
                x[i.rd()] = next;
                next = target;
            }
            case Op.BEQ -> next = x[i.rs1()] == x[i.rs2()] ? pc + i.imm() : next;
            case Op.BNE -> next = x[i.rs1()] != x[i.rs2()] ? pc + i.imm() : next;
            case Op.BLT -> next = x[i.rs1()] < x[i.rs2()] ? pc + i.imm() : next;
            case Op.BGE -> next = x[i.rs1()] >= x[i.rs2()] ? pc + i.imm() : next;
            case Op.BLTU -> next = Long.compareUnsigned(x[i.rs1()], x[i.rs2()]) < 0 ? pc + i.imm() : next;
            case Op.BGEU -> next = Long.compareUnsigned(x[i.rs1()], x[i.rs2()]) >= 0 ? pc + i.imm() : next;
            case Op.LB -> x[i.rd()] = (byte) h.lsu.load(x[i.rs1()] + i.imm(), 1);
            case Op.LH -> x[i.rd()] = (short) h.lsu.load(x[i.rs1()] + i.imm(), 2);
            case Op.LW -> x[i.rd()] = (int) h.lsu.load(x[i.rs1()] + i.imm(), 4);
            case Op.LD -> x[i.rd()] = h.lsu.load(x[i.rs1()] + i.imm(), 8);
            case Op.LBU -> x[i.rd()] = h.lsu.load(x[i.rs1()] + i.imm(), 1) & 0xFFL;
            case Op.LHU -> x[i.rd()] = h.lsu.load(x[i.rs1()] + i.imm(), 2) & 0xFFFFL;
            case Op.LWU -> x[i.rd()] = h.lsu.load(x[i.rs1()] + i.imm(), 4) & 0xFFFF_FFFFL;
            case Op.SB -> h.lsu.store(x[i.rs1()] + i.imm(), x[i.rs2()], 1);
            case Op.SH -> h.lsu.store(x[i.rs1()] + i.imm(), x[i.rs2()], 2);
            case Op.SW -> h.lsu.store(x[i.rs1()] + i.imm(), x[i.rs2()], 4);
            case Op.SD -> h.lsu.store(x[i.rs1()] + i.imm(), x[i.rs2()], 8);
            case Op.ADDI -> x[i.rd()] = x[i.rs1()] + i.imm();
            case Op.SLTI -> x[i.rd()] = x[i.rs1()] < i.imm() ? 1 : 0;
            case Op.SLTIU -> x[i.rd()] = Long.compareUnsigned(x[i.rs1()], i.imm()) < 0 ? 1 : 0;
            case Op.XORI -> x[i.rd()] = x[i.rs1()] ^ i.imm();
            case Op.ORI -> x[i.rd()] = x[i.rs1()] | i.imm();
            case Op.ANDI -> x[i.rd()] = x[i.rs1()] & i.imm();
            case Op.SLLI -> x[i.rd()] = x[i.rs1()] << i.imm();
            case Op.SRLI -> x[i.rd()] = x[i.rs1()] >>> i.imm();
            case Op.SRAI -> x[i.rd()] = x[i.rs1()] >> i.imm();
            case Op.ADD -> x[i.rd()] = x[i.rs1()] + x[i.rs2()];
            case Op.SUB -> x[i.rd()] = x[i.rs1()] - x[i.rs2()];
            case Op.SLL -> x[i.rd()] = x[i.rs1()] << x[i.rs2()];
            case Op.SLT -> x[i.rd()] = x[i.rs1()] < x[i.rs2()] ? 1 : 0;
            case Op.SLTU -> x[i.rd()] = Long.compareUnsigned(x[i.rs1()], x[i.rs2()]) < 0 ? 1 : 0;
            case Op.XOR -> x[i.rd()] = x[i.rs1()] ^ x[i.rs2()];
            case Op.SRL -> x[i.rd()] = x[i.rs1()] >>> x[i.rs2()];
            case Op.SRA -> x[i.rd()] = x[i.rs1()] >> x[i.rs2()];
            case Op.OR -> x[i.rd()] = x[i.rs1()] | x[i.rs2()];
            case Op.AND -> x[i.rd()] = x[i.rs1()] & x[i.rs2()];
            case Op.ADDIW -> x[i.rd()] = (int) (x[i.rs1()] + i.imm());
            case Op.SLLIW -> x[i.rd()] = (int) x[i.rs1()] << i.imm();
            case Op.SRLIW -> x[i.rd()] = (int) x[i.rs1()] >>> i.imm();
            case Op.SRAIW -> x[i.rd()] = (int) x[i.rs1()] >> i.imm();
            case Op.ADDW -> x[i.rd()] = (int) (x[i.rs1()] + x[i.rs2()]);
            case Op.SUBW -> x[i.rd()] = (int) (x[i.rs1()] - x[i.rs2()]);
            case Op.SLLW -> x[i.rd()] = (int) x[i.rs1()] << x[i.rs2()];
            case Op.SRLW -> x[i.rd()] = (int) x[i.rs1()] >>> x[i.rs2()];
            case Op.SRAW -> x[i.rd()] = (int) x[i.rs1()] >> x[i.rs2()];
            case Op.MUL -> x[i.rd()] = x[i.rs1()] * x[i.rs2()];
            case Op.MULH -> x[i.rd()] = Math.multiplyHigh(x[i.rs1()], x[i.rs2()]);
            case Op.MULHSU -> x[i.rd()] = Alu.mulhsu(x[i.rs1()], x[i.rs2()]);
            case Op.MULHU -> x[i.rd()] = Math.unsignedMultiplyHigh(x[i.rs1()], x[i.rs2()]);
            case Op.DIV -> x[i.rd()] = Alu.div(x[i.rs1()], x[i.rs2()]);
            case Op.DIVU -> x[i.rd()] = Alu.divu(x[i.rs1()], x[i.rs2()]);
            case Op.REM -> x[i.rd()] = Alu.rem(x[i.rs1()], x[i.rs2()]);
            case Op.REMU -> x[i.rd()] = Alu.remu(x[i.rs1()], x[i.rs2()]);
            case Op.MULW -> x[i.rd()] = (int) x[i.rs1()] * (int) x[i.rs2()];
            case Op.DIVW -> x[i.rd()] = Alu.divw((int) x[i.rs1()], (int) x[i.rs2()]);
            case Op.DIVUW -> x[i.rd()] = Alu.divuw((int) x[i.rs1()], (int) x[i.rs2()]);
            case Op.REMW -> x[i.rd()] = Alu.remw((int) x[i.rs1()], (int) x[i.rs2()]);
            case Op.REMUW -> x[i.rd()] = Alu.remuw((int) x[i.rs1()], (int) x[i.rs2()]);
            case Op.FENCE -> java.lang.invoke.VarHandle.fullFence();
            case Op.FENCE_I -> h.fenceI();
            case Op.CSRRW, Op.CSRRS, Op.CSRRC, Op.CSRRWI, Op.CSRRSI, Op.CSRRCI -> SystemOps.csr(h, i);
            case Op.ECALL, Op.EBREAK, Op.MRET, Op.SRET, Op.WFI, Op.SFENCE_VMA -> {
                SystemOps.privileged(h, i);
                if (i.op() == Op.MRET || i.op() == Op.SRET) {
                    return; // the return set pc itself
                }
            }
            case Op.ILLEGAL -> throw SystemOps.illegal(i);
            default -> {
                if (i.op() >= Op.FP_FIRST) {
                    Fpu.execute(h, i);
                } else {
                    Atomics.execute(h, i);
                }
            }
        }
        h.pc = next;
    }
}
