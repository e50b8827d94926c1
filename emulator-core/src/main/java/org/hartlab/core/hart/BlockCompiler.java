package org.hartlab.core.hart;

import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;
import static java.lang.constant.ConstantDescs.MTD_void;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;

/**
 * Translates a block's integer instructions (RV64IM, loads, stores, jumps, branches, FENCE) into a hidden JVM class,
 * so HotSpot compiles guest code straight-line instead of through the interpreter's dispatch. A taken branch
 * returns from the middle of the block; a branch not taken falls through to the next instruction. Each instruction
 * becomes the bytecode of its {@link Executor} case; registers stay in {@code Hart.x}, so every instruction's
 * effect is architectural the moment it completes and a trap or early exit needs no write-back.
 *
 * <p>The pc is only materialised where it can be observed: before a load or store (which may trap, and then
 * reports the hart's pc as the faulting instruction) and on exit. After a load or store the code returns early
 * if the hart asked to end the block (see {@code Hart.blockEnd}), just as the interpreter loop stops there.
 */
final class BlockCompiler {
    private static final ClassDesc HART = Hart.class.describeConstable().orElseThrow();
    private static final ClassDesc COMPILED = CompiledBlock.class.describeConstable().orElseThrow();
    private static final ClassDesc ALU = Alu.class.describeConstable().orElseThrow();
    private static final ClassDesc LONG = Long.class.describeConstable().orElseThrow();
    private static final ClassDesc MATH = Math.class.describeConstable().orElseThrow();
    private static final ClassDesc LONG_ARRAY = long[].class.describeConstable().orElseThrow();
    private static final MethodTypeDesc LONG_LONG_TO_LONG = MethodTypeDesc.of(CD_long, CD_long, CD_long);
    private static final MethodTypeDesc INT_INT_TO_LONG = MethodTypeDesc.of(CD_long, CD_int, CD_int);
    private static final MethodTypeDesc LONG_LONG_TO_INT = MethodTypeDesc.of(CD_int, CD_long, CD_long);
    private static final MethodTypeDesc LOAD = MethodTypeDesc.of(CD_long, CD_long, CD_int);
    private static final MethodTypeDesc STORE = MethodTypeDesc.of(CD_void, CD_long, CD_long, CD_int);
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    // Local variable slots of the generated run(Hart) method.
    private static final int HART_SLOT = 1;
    private static final int X_SLOT = 2;
    private static final int PC_SLOT = 3;
    private static final int TARGET_SLOT = 5;

    private BlockCompiler() {
    }

    /** How many of the block's leading instructions can be translated (0 if the first cannot). */
    static int translatableLength(Insn[] insns) {
        int n = 0;
        while (n < insns.length && translatable(insns[n].op())) {
            n++;
        }
        return n;
    }

    private static boolean translatable(int op) {
        return (op >= Op.LUI && op <= Op.FENCE) || (op >= Op.MUL && op <= Op.REMUW);
    }

    /** Translates {@code insns[0..length)}, all of which must be {@linkplain #translatableLength translatable}. */
    static CompiledBlock compile(Insn[] insns, int length) {
        byte[] bytes = ClassFile.of().build(ClassDesc.of(BlockCompiler.class.getPackageName(), "Translated"),
                cb -> cb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC)
                        .withSuperclass(COMPILED)
                        .withMethodBody(INIT_NAME, MTD_void, ClassFile.ACC_PUBLIC,
                                code -> code.aload(0).invokespecial(COMPILED, INIT_NAME, MTD_void).return_())
                        .withMethodBody("run", MethodTypeDesc.of(CD_int, HART), 0,
                                code -> body(code, insns, length)));
        try {
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClass(bytes, true);
            return (CompiledBlock) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("block compiler: generated class rejected", e);
        }
    }

    private static void body(CodeBuilder c, Insn[] insns, int length) {
        c.aload(HART_SLOT).getfield(HART, "x", LONG_ARRAY).astore(X_SLOT);
        c.aload(HART_SLOT).getfield(HART, "pc", CD_long).lstore(PC_SLOT);
        int offset = 0;
        for (int k = 0; k < length; k++) {
            Insn i = insns[k];
            new Emitter(c, i, offset).emit(k);
            offset += i.length();
            if (i.op() == Op.JAL || i.op() == Op.JALR) {
                return; // its code returned, and a block holds nothing after a jump
            }
        }
        setPc(c, offset);
        c.loadConstant(length).ireturn();
    }

    /** h.pc = block pc + offset. */
    private static void setPc(CodeBuilder c, long offset) {
        c.aload(HART_SLOT).lload(PC_SLOT).loadConstant(offset).ladd().putfield(HART, "pc", CD_long);
    }

    /** Emits one instruction's bytecode. */
    private record Emitter(CodeBuilder c, Insn i, int offset) {
        void emit(int index) {
            switch (i.op()) {
                case Op.LUI -> write(() -> c.loadConstant(i.imm()));
                case Op.AUIPC -> write(() -> c.lload(PC_SLOT).loadConstant(offset + i.imm()).ladd());
                case Op.JAL -> {
                    write(() -> c.lload(PC_SLOT).loadConstant((long) offset + i.length()).ladd());
                    jumpTo(() -> c.lload(PC_SLOT).loadConstant(offset + i.imm()).ladd(), index);
                }
                case Op.JALR -> {
                    reg(i.rs1());
                    c.loadConstant(i.imm()).ladd().loadConstant(~1L).land().lstore(TARGET_SLOT); // before rd: rd may be rs1
                    write(() -> c.lload(PC_SLOT).loadConstant((long) offset + i.length()).ladd());
                    jumpTo(() -> c.lload(TARGET_SLOT), index);
                }
                case Op.BEQ, Op.BNE, Op.BLT, Op.BGE, Op.BLTU, Op.BGEU -> branch(index);
                case Op.LB, Op.LH, Op.LW, Op.LD, Op.LBU, Op.LHU, Op.LWU -> load(index);
                case Op.SB, Op.SH, Op.SW, Op.SD -> store(index);
                case Op.ADDI -> write(() -> regImm(c::ladd));
                case Op.SLTI -> write(() -> compare(() -> {
                    reg(i.rs1());
                    c.loadConstant(i.imm()).lcmp();
                }));
                case Op.SLTIU -> write(() -> compare(() -> {
                    reg(i.rs1());
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
                case Op.SLTU -> write(() -> compare(() -> regReg(() -> unsigned(LONG, "compareUnsigned"))));
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
                case Op.FENCE -> c.invokestatic(VarHandle.class.describeConstable().orElseThrow(), "fullFence",
                        MTD_void);
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

        /** x[rd] = value. */
        private void write(Runnable value) {
            c.aload(X_SLOT).loadConstant(i.rd());
            value.run();
            c.lastore();
        }

        private void reg(int r) {
            c.aload(X_SLOT).loadConstant(r).laload();
        }

        private void regImm(Runnable op) {
            reg(i.rs1());
            c.loadConstant(i.imm());
            op.run();
        }

        private void regReg(Runnable op) {
            reg(i.rs1());
            reg(i.rs2());
            op.run();
        }

        private void shiftImm(Runnable op) {
            reg(i.rs1());
            c.loadConstant((int) i.imm());
            op.run();
        }

        private void shiftReg(Runnable op) {
            reg(i.rs1());
            reg(i.rs2());
            c.l2i();
            op.run();
        }

        /** (int) x[rs1] OP count, sign-extended; {@code count} pushes the int shift count and applies OP. */
        private void word(Runnable count) {
            reg(i.rs1());
            c.l2i();
            count.run();
            c.i2l();
        }

        private void shiftCount(Runnable op) {
            reg(i.rs2());
            c.l2i();
            op.run();
        }

        /** (int) x[rs1], (int) x[rs2], then {@code op}, which leaves a long. */
        private void words(Runnable op) {
            reg(i.rs1());
            c.l2i();
            reg(i.rs2());
            c.l2i();
            op.run();
        }

        private void unsigned(ClassDesc owner, String name) {
            c.invokestatic(owner, name, LONG_LONG_TO_INT);
        }

        /** 1L if the int {@code comparison} leaves is negative, else 0L. */
        private void compare(Runnable comparison) {
            comparison.run();
            Label no = c.newLabel();
            Label end = c.newLabel();
            c.ifge(no).lconst_1().goto_(end).labelBinding(no);
            c.lconst_0().labelBinding(end);
        }

        private void branch(int index) {
            reg(i.rs1());
            reg(i.rs2());
            switch (i.op()) {
                case Op.BEQ, Op.BNE, Op.BLT, Op.BGE -> c.lcmp();
                default -> unsigned(LONG, "compareUnsigned");
            }
            Label notTaken = c.newLabel();
            switch (i.op()) {
                case Op.BEQ -> c.ifne(notTaken);
                case Op.BNE -> c.ifeq(notTaken);
                case Op.BLT, Op.BLTU -> c.ifge(notTaken);
                default -> c.iflt(notTaken);
            }
            jumpTo(() -> c.lload(PC_SLOT).loadConstant(offset + i.imm()).ladd(), index); // the side exit
            c.labelBinding(notTaken); // falls through to the next instruction of the block
        }

        /** h.pc = target; return -(index + 1): a jump, or a taken branch, left the block. */
        private void jumpTo(Runnable target, int index) {
            c.aload(HART_SLOT);
            target.run();
            c.putfield(HART, "pc", CD_long).loadConstant(-(index + 1)).ireturn();
        }

        private void load(int index) {
            setPc(c, offset); // a trapping load reports its own pc
            c.aload(X_SLOT).loadConstant(i.rd()).aload(HART_SLOT);
            reg(i.rs1());
            int size = switch (i.op()) {
                case Op.LB, Op.LBU -> 1;
                case Op.LH, Op.LHU -> 2;
                case Op.LW, Op.LWU -> 4;
                default -> 8;
            };
            c.loadConstant(i.imm()).ladd().loadConstant(size).invokevirtual(HART, "load", LOAD);
            switch (i.op()) {
                case Op.LB -> c.l2i().i2b().i2l();
                case Op.LH -> c.l2i().i2s().i2l();
                case Op.LW -> c.l2i().i2l();
                case Op.LBU -> c.loadConstant(0xFFL).land();
                case Op.LHU -> c.loadConstant(0xFFFFL).land();
                case Op.LWU -> c.loadConstant(0xFFFF_FFFFL).land();
                default -> { }
            }
            c.lastore();
            exitIfBlockEnds(index);
        }

        private void store(int index) {
            setPc(c, offset);
            c.aload(HART_SLOT);
            reg(i.rs1());
            c.loadConstant(i.imm()).ladd();
            reg(i.rs2());
            int size = switch (i.op()) {
                case Op.SB -> 1;
                case Op.SH -> 2;
                case Op.SW -> 4;
                default -> 8;
            };
            c.loadConstant(size).invokevirtual(HART, "store", STORE);
            exitIfBlockEnds(index);
        }

        /** After an access: if the hart asked to end the block, return with this instruction done. */
        private void exitIfBlockEnds(int index) {
            Label go = c.newLabel();
            c.aload(HART_SLOT).getfield(HART, "blockEnd", CD_boolean).ifeq(go);
            setPc(c, (long) offset + i.length());
            c.loadConstant(index + 1).ireturn();
            c.labelBinding(go);
        }
    }
}
