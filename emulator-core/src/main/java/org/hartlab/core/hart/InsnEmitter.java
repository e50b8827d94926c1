package org.hartlab.core.hart;

import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.MTD_void;
import static org.hartlab.core.hart.BlockCompiler.AT_SLOT;
import static org.hartlab.core.hart.BlockCompiler.BASE_SLOT;
import static org.hartlab.core.hart.BlockCompiler.DONE_SLOT;
import static org.hartlab.core.hart.BlockCompiler.EXIT_SLOT;
import static org.hartlab.core.hart.BlockCompiler.HART;
import static org.hartlab.core.hart.BlockCompiler.HART_SLOT;
import static org.hartlab.core.hart.BlockCompiler.LONG;
import static org.hartlab.core.hart.BlockCompiler.LONG_LONG_TO_INT;
import static org.hartlab.core.hart.BlockCompiler.LSU;
import static org.hartlab.core.hart.BlockCompiler.LSU_SLOT;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.VarHandle;

/**
 * Emits one instruction's bytecode into the run method {@link BlockCompiler}'s generator is writing, ending by
 * counting the instruction done unless it left; jumps, branches and register access go through the generator,
 * which knows the region's members and the locals its registers live in.
 */
record InsnEmitter(BlockCompiler.Generator g, CodeBuilder c, Insn i, int offset) {
    private static final ClassDesc ALU = Alu.class.describeConstable().orElseThrow();
    private static final ClassDesc MATH = Math.class.describeConstable().orElseThrow();
    private static final MethodTypeDesc LONG_LONG_TO_LONG = MethodTypeDesc.of(CD_long, CD_long, CD_long);
    private static final MethodTypeDesc INT_INT_TO_LONG = MethodTypeDesc.of(CD_long, CD_int, CD_int);
    private static final MethodTypeDesc LOAD = MethodTypeDesc.of(CD_long, CD_long, CD_int);
    private static final MethodTypeDesc STORE = MethodTypeDesc.of(CD_void, CD_long, CD_long, CD_int);

    InsnEmitter(BlockCompiler.Generator g, Insn i, int offset) {
        this(g, g.c, i, offset);
    }

    void emit() {
        switch (i.op()) {
            case Op.LUI -> write(() -> c.loadConstant(i.imm()));
            case Op.AUIPC -> write(() -> pcPlus(offset + i.imm()));
            case Op.JAL -> {
                write(() -> pcPlus((long) offset + i.length()));
                g.transfer(offset + i.imm());
            }
            case Op.JALR -> {
                g.reg(i.rs1());
                c.loadConstant(i.imm()).ladd().loadConstant(~1L).land().lstore(EXIT_SLOT); // before rd: rd may be rs1
                write(() -> pcPlus((long) offset + i.length()));
                g.jumpIndirect();
            }
            case Op.BEQ, Op.BNE, Op.BLT, Op.BGE, Op.BLTU, Op.BGEU -> branch();
            case Op.LB, Op.LH, Op.LW, Op.LD, Op.LBU, Op.LHU, Op.LWU -> load();
            case Op.SB, Op.SH, Op.SW, Op.SD -> store();
            case Op.ADDI -> write(() -> regImm(c::ladd));
            case Op.SLTI -> write(() -> compare(() -> {
                g.reg(i.rs1());
                c.loadConstant(i.imm()).lcmp();
            }));
            case Op.SLTIU -> write(() -> compare(() -> {
                g.reg(i.rs1());
                c.loadConstant(i.imm()).invokestatic(LONG, "compareUnsigned", LONG_LONG_TO_INT);
            }));
            case Op.XORI -> write(() -> regImm(c::lxor));
            case Op.ORI -> write(() -> regImm(c::lor));
            case Op.ANDI -> write(() -> regImm(c::land));
            case Op.SLLI -> write(() -> shiftImm(c::lshl));
            case Op.SRLI -> write(() -> shiftImm(c::lushr));
            case Op.SRAI -> write(() -> shiftImm(c::lshr));
            case Op.ADD -> write(() -> regReg(c::ladd));
            case Op.SUB -> write(() -> regReg(c::lsub));
            case Op.SLL -> write(() -> shiftReg(c::lshl));
            case Op.SLT -> write(() -> compare(() -> regReg(c::lcmp)));
            case Op.SLTU -> write(() -> compare(() -> regReg(this::compareUnsigned)));
            case Op.XOR -> write(() -> regReg(c::lxor));
            case Op.SRL -> write(() -> shiftReg(c::lushr));
            case Op.SRA -> write(() -> shiftReg(c::lshr));
            case Op.OR -> write(() -> regReg(c::lor));
            case Op.AND -> write(() -> regReg(c::land));
            case Op.ADDIW -> write(() -> {
                regImm(c::ladd);
                c.l2i().i2l();
            });
            case Op.SLLIW -> write(() -> word(() -> c.loadConstant((int) i.imm()).ishl()));
            case Op.SRLIW -> write(() -> word(() -> c.loadConstant((int) i.imm()).iushr()));
            case Op.SRAIW -> write(() -> word(() -> c.loadConstant((int) i.imm()).ishr()));
            case Op.ADDW -> write(() -> {
                regReg(c::ladd);
                c.l2i().i2l();
            });
            case Op.SUBW -> write(() -> {
                regReg(c::lsub);
                c.l2i().i2l();
            });
            case Op.SLLW -> write(() -> word(() -> shiftCount(c::ishl)));
            case Op.SRLW -> write(() -> word(() -> shiftCount(c::iushr)));
            case Op.SRAW -> write(() -> word(() -> shiftCount(c::ishr)));
            case Op.FENCE -> {
                c.invokestatic(VarHandle.class.describeConstable().orElseThrow(), "fullFence", MTD_void);
                done();
            }
            case Op.MUL -> write(() -> regReg(c::lmul));
            case Op.MULH -> write(() -> regReg(() -> c.invokestatic(MATH, "multiplyHigh", LONG_LONG_TO_LONG)));
            case Op.MULHSU -> write(() -> regReg(() -> c.invokestatic(ALU, "mulhsu", LONG_LONG_TO_LONG)));
            case Op.MULHU -> write(() -> regReg(
                    () -> c.invokestatic(MATH, "unsignedMultiplyHigh", LONG_LONG_TO_LONG)));
            case Op.DIV -> write(() -> regReg(() -> c.invokestatic(ALU, "div", LONG_LONG_TO_LONG)));
            case Op.DIVU -> write(() -> regReg(() -> c.invokestatic(ALU, "divu", LONG_LONG_TO_LONG)));
            case Op.REM -> write(() -> regReg(() -> c.invokestatic(ALU, "rem", LONG_LONG_TO_LONG)));
            case Op.REMU -> write(() -> regReg(() -> c.invokestatic(ALU, "remu", LONG_LONG_TO_LONG)));
            case Op.MULW -> write(() -> words(() -> c.imul().i2l()));
            case Op.DIVW -> write(() -> words(() -> c.invokestatic(ALU, "divw", INT_INT_TO_LONG)));
            case Op.DIVUW -> write(() -> words(() -> c.invokestatic(ALU, "divuw", INT_INT_TO_LONG)));
            case Op.REMW -> write(() -> words(() -> c.invokestatic(ALU, "remw", INT_INT_TO_LONG)));
            case Op.REMUW -> write(() -> words(() -> c.invokestatic(ALU, "remuw", INT_INT_TO_LONG)));
            default -> throw new IllegalArgumentException("block compiler: cannot translate " + i);
        }
    }

    /** x[rd] = value, and the instruction is done. */
    private void write(Runnable value) {
        g.write(i.rd(), value);
        done();
    }

    private void done() {
        c.iinc(DONE_SLOT, 1);
    }

    /** Pushes the virtual address {@code pageOffset} bytes from the page's start. */
    private void pcPlus(long pageOffset) {
        c.lload(BASE_SLOT).loadConstant(pageOffset).ladd();
    }

    private void regImm(Runnable op) {
        g.reg(i.rs1());
        c.loadConstant(i.imm());
        op.run();
    }

    private void regReg(Runnable op) {
        g.reg(i.rs1());
        g.reg(i.rs2());
        op.run();
    }

    private void shiftImm(Runnable op) {
        g.reg(i.rs1());
        c.loadConstant((int) i.imm());
        op.run();
    }

    private void shiftReg(Runnable op) {
        g.reg(i.rs1());
        g.reg(i.rs2());
        c.l2i();
        op.run();
    }

    /** (int) x[rs1] OP count, sign-extended; {@code count} pushes the int shift count and applies OP. */
    private void word(Runnable count) {
        g.reg(i.rs1());
        c.l2i();
        count.run();
        c.i2l();
    }

    private void shiftCount(Runnable op) {
        g.reg(i.rs2());
        c.l2i();
        op.run();
    }

    /** (int) x[rs1], (int) x[rs2], then {@code op}, which leaves a long. */
    private void words(Runnable op) {
        g.reg(i.rs1());
        c.l2i();
        g.reg(i.rs2());
        c.l2i();
        op.run();
    }

    private void compareUnsigned() {
        c.invokestatic(LONG, "compareUnsigned", LONG_LONG_TO_INT);
    }

    /** 1L if the int {@code comparison} leaves is negative, else 0L. */
    private void compare(Runnable comparison) {
        comparison.run();
        Label no = c.newLabel();
        Label end = c.newLabel();
        c.ifge(no).lconst_1().goto_(end).labelBinding(no);
        c.lconst_0().labelBinding(end);
    }

    private void branch() {
        done(); // taken or not, the branch completes
        g.reg(i.rs1());
        g.reg(i.rs2());
        switch (i.op()) {
            case Op.BEQ, Op.BNE, Op.BLT, Op.BGE -> c.lcmp();
            default -> compareUnsigned();
        }
        Label notTaken = c.newLabel();
        switch (i.op()) {
            case Op.BEQ -> c.ifne(notTaken);
            case Op.BNE -> c.ifeq(notTaken);
            case Op.BLT, Op.BLTU -> c.ifge(notTaken);
            default -> c.iflt(notTaken);
        }
        g.transfer(offset + i.imm());
        c.labelBinding(notTaken); // falls through to the next instruction of the block
    }

    private void load() {
        c.loadConstant(offset).istore(AT_SLOT); // a trapping load reports its own pc
        int size = switch (i.op()) {
            case Op.LB, Op.LBU -> 1;
            case Op.LH, Op.LHU -> 2;
            case Op.LW, Op.LWU -> 4;
            default -> 8;
        };
        write(() -> {
            c.aload(LSU_SLOT);
            g.reg(i.rs1());
            c.loadConstant(i.imm()).ladd().loadConstant(size).invokevirtual(LSU, "load", LOAD);
            switch (i.op()) {
                case Op.LB -> c.l2i().i2b().i2l();
                case Op.LH -> c.l2i().i2s().i2l();
                case Op.LW -> c.l2i().i2l();
                case Op.LBU -> c.loadConstant(0xFFL).land();
                case Op.LHU -> c.loadConstant(0xFFFFL).land();
                case Op.LWU -> c.loadConstant(0xFFFF_FFFFL).land();
                default -> { }
            }
        });
        leaveIfBlockEnds();
    }

    private void store() {
        c.loadConstant(offset).istore(AT_SLOT);
        c.aload(LSU_SLOT);
        g.reg(i.rs1());
        c.loadConstant(i.imm()).ladd();
        g.reg(i.rs2());
        int size = switch (i.op()) {
            case Op.SB -> 1;
            case Op.SH -> 2;
            case Op.SW -> 4;
            default -> 8;
        };
        c.loadConstant(size).invokevirtual(LSU, "store", STORE);
        done();
        leaveIfBlockEnds();
    }

    /** After an access: if the hart asked to end the block, leave with this instruction done. */
    private void leaveIfBlockEnds() {
        Label go = c.newLabel();
        c.aload(HART_SLOT).getfield(HART, "blockEnd", CD_boolean).ifeq(go);
        g.leave(() -> pcPlus((long) offset + i.length()));
        c.labelBinding(go);
    }
}
