package org.hartlab.core.hart;

import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;
import static java.lang.constant.ConstantDescs.MTD_void;

import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a {@link Region} (a hot block and the blocks of its page that it reaches) into a hidden JVM class, so
 * HotSpot compiles guest code, loops included, instead of the interpreter's dispatch running it. Only integer
 * instructions are translated (RV64IM, loads, stores, jumps, branches, FENCE); a block's translation stops before
 * its first other instruction.
 *
 * <p>Guest registers live in JVM locals for the whole call and are written back to {@code Hart.x} on every way
 * out, a trap included (an exception handler covering the body does that), so each instruction's effect is
 * architectural wherever it can be observed. The pc is materialised only on the way out; a load or store records
 * its own page offset in a local first, from which the handler rebuilds the faulting pc.
 *
 * <p>A branch or jump to a member of the region is a JVM jump, and so is a JALR whose target is one (a lookup
 * switch on its page offset), taken only if the member's first {@link #CHUNK} instructions fit in the instruction
 * budget the caller gave (longer members check again every chunk); otherwise, and for every other target, the code
 * leaves with the hart's pc at the target. After a load or store it also leaves if the hart asked to end the block
 * (see {@code Hart.blockEnd}), exactly where the interpreter would stop.
 */
final class BlockCompiler {
    private static final ClassDesc HART = Hart.class.describeConstable().orElseThrow();
    private static final ClassDesc LSU = LoadStoreUnit.class.describeConstable().orElseThrow();
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
    private static final MethodTypeDesc RUN = MethodTypeDesc.of(CD_int, HART, CD_int, CD_int);
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    /**
     * Translated code checks its instruction budget at most this many instructions apart, so it runs to within
     * this many of the budget; the slice's last few instructions are then interpreted (see {@code Hart.runBlocks}).
     */
    static final int CHUNK = 8;
    private static final int PAGE = 4096;
    /** HotSpot does not JIT-compile methods longer than 8000 bytes of bytecode; a region must stay below. */
    private static final int MAX_CODE_LENGTH = 7_900;

    // Local variable slots of the generated run(Hart, int, int) method.
    private static final int HART_SLOT = 1;
    private static final int BUDGET_SLOT = 2;
    /** int: the index of the member the call enters at. */
    private static final int ENTRY_SLOT = 3;
    private static final int X_SLOT = 4;
    /** long: the virtual address of page offset 0, from which every pc is computed. */
    private static final int BASE_SLOT = 5;
    /** int: instructions completed in this call. */
    private static final int DONE_SLOT = 7;
    /** int: the page offset of the load or store under way, for a trap's pc. */
    private static final int AT_SLOT = 8;
    /** long: the pc to leave for. */
    private static final int EXIT_SLOT = 9;
    /** The hart's load-store unit, fetched once: it never changes, and each access then saves a load. */
    private static final int LSU_SLOT = 11;
    private static final int FAULT_SLOT = 12;
    /** long: where a JALR goes, in bytes from the page's start (see {@link Generator#jumpIndirect}). */
    private static final int TARGET_SLOT = 13;
    private static final int FIRST_REGISTER_SLOT = 15;

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

    /**
     * Translates {@code region}, whose entry must have a translatable first instruction; members are dropped from
     * its end while the method would be too long for HotSpot to compile.
     */
    static CompiledBlock compile(Region region) {
        byte[] bytes = classBytes(region);
        while (codeLength(bytes) > MAX_CODE_LENGTH && region.members().size() > 1) {
            region = new Region(region.members().subList(0, region.members().size() / 2));
            bytes = classBytes(region);
        }
        try {
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClass(bytes, true);
            CompiledBlock code = (CompiledBlock) hidden.findConstructor(hidden.lookupClass(),
                    MethodType.methodType(void.class)).invoke();
            code.setEntries(region.members().stream().mapToInt(Region.Member::offset).toArray());
            return code;
        } catch (Throwable e) {
            throw new IllegalStateException("block compiler: generated class rejected", e);
        }
    }

    private static byte[] classBytes(Region region) {
        return ClassFile.of().build(ClassDesc.of(BlockCompiler.class.getPackageName(), "Translated"),
                cb -> cb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC)
                        .withSuperclass(COMPILED)
                        .withMethodBody(INIT_NAME, MTD_void, ClassFile.ACC_PUBLIC,
                                code -> code.aload(0).invokespecial(COMPILED, INIT_NAME, MTD_void).return_())
                        .withMethodBody("run", RUN, 0, code -> new Generator(code, region).body()));
    }

    private static int codeLength(byte[] bytes) {
        return ClassFile.of().parse(bytes).methods().stream()
                .filter(m -> m.methodName().equalsString("run"))
                .flatMap(m -> m.findAttribute(Attributes.code()).stream())
                .mapToInt(CodeAttribute::codeLength)
                .sum();
    }

    /** Emits the run method of one region. */
    private static final class Generator {
        private final CodeBuilder c;
        private final Region region;
        private final Label[] entries;
        /** Per guest register, its local slot, or 0 when the region never names it. */
        private final int[] slots = new int[32];
        private final boolean[] written = new boolean[32];
        private final Label exit;

        Generator(CodeBuilder c, Region region) {
            this.c = c;
            this.region = region;
            this.entries = new Label[region.members().size()];
            for (int k = 0; k < entries.length; k++) {
                entries[k] = c.newLabel();
            }
            this.exit = c.newLabel();
            int next = FIRST_REGISTER_SLOT;
            for (Region.Member m : region.members()) {
                for (int k = 0; k < m.length(); k++) {
                    Insn i = m.insns()[k];
                    for (int r : new int[] {i.rs1(), i.rs2(), i.rd()}) {
                        if (r > 0 && r < 32 && slots[r] == 0) {
                            slots[r] = next;
                            next += 2;
                        }
                    }
                    if (i.rd() > 0 && i.rd() < 32) {
                        written[i.rd()] = true;
                    }
                }
            }
        }

        void body() {
            c.aload(HART_SLOT).getfield(HART, "x", LONG_ARRAY).astore(X_SLOT);
            c.aload(HART_SLOT).getfield(HART, "lsu", LSU).astore(LSU_SLOT);
            c.iconst_0().istore(DONE_SLOT);
            c.iconst_0().istore(AT_SLOT);
            c.lconst_0().lstore(EXIT_SLOT);
            for (int r = 1; r < 32; r++) {
                if (slots[r] != 0) {
                    c.aload(X_SLOT).loadConstant(r).laload().lstore(slots[r]);
                }
            }
            enter();
            Label start = c.newLabel();
            Label end = c.newLabel();
            Label handler = c.newLabel();
            c.labelBinding(start);
            for (int k = 0; k < entries.length; k++) {
                c.labelBinding(entries[k]);
                member(region.members().get(k));
            }
            c.labelBinding(end);

            c.labelBinding(exit);
            writeBack();
            c.aload(HART_SLOT).lload(EXIT_SLOT).putfield(HART, "pc", CD_long);
            c.iload(DONE_SLOT).ireturn();

            c.labelBinding(handler);
            c.astore(FAULT_SLOT);
            writeBack();
            c.aload(HART_SLOT).lload(BASE_SLOT).iload(AT_SLOT).i2l().ladd().putfield(HART, "pc", CD_long);
            c.aload(HART_SLOT).iload(DONE_SLOT).putfield(HART, "translatedDone", CD_int);
            c.aload(FAULT_SLOT).athrow();
            c.exceptionCatchAll(start, end, handler);
        }

        /**
         * Sets the page base from the hart's pc and the member entered, and jumps to that member; a region of one
         * member has one entry, which the code falls through to.
         */
        private void enter() {
            if (entries.length == 1) {
                base(region.entry().offset());
                return;
            }
            Label[] cases = new Label[entries.length];
            List<SwitchCase> switchCases = new ArrayList<>();
            for (int k = 0; k < entries.length; k++) {
                cases[k] = c.newLabel();
                switchCases.add(SwitchCase.of(k, cases[k]));
            }
            c.iload(ENTRY_SLOT).tableswitch(0, entries.length - 1, cases[0], switchCases);
            for (int k = 0; k < entries.length; k++) {
                c.labelBinding(cases[k]);
                base(region.members().get(k).offset());
                c.goto_(entries[k]);
            }
        }

        /** BASE = the hart's pc minus {@code offset}: the pc is at the member starting there. */
        private void base(int offset) {
            c.aload(HART_SLOT).getfield(HART, "pc", CD_long).loadConstant((long) offset).lsub().lstore(BASE_SLOT);
        }

        private void writeBack() {
            for (int r = 1; r < 32; r++) {
                if (written[r]) {
                    c.aload(X_SLOT).loadConstant(r).lload(slots[r]).lastore();
                }
            }
        }

        /**
         * A member's translated instructions, then its fall-through. Every {@link #CHUNK} instructions the budget is
         * checked again, so the code stops at most a chunk short of the budget, not a whole block short.
         */
        private void member(Region.Member m) {
            int offset = m.offset();
            for (int k = 0; k < m.length(); k++) {
                Insn i = m.insns()[k];
                if (k > 0 && k % CHUNK == 0) {
                    int at = offset;
                    Label fits = c.newLabel();
                    c.iload(DONE_SLOT).loadConstant(Math.min(CHUNK, m.length() - k)).iadd().iload(BUDGET_SLOT)
                            .if_icmple(fits);
                    leave(() -> c.lload(BASE_SLOT).loadConstant((long) at).ladd());
                    c.labelBinding(fits);
                }
                new Emitter(this, i, offset).emit();
                offset += i.length();
                if (i.op() == Op.JAL || i.op() == Op.JALR) {
                    return; // it has left, and a block holds nothing after a jump
                }
            }
            transfer(offset);
        }

        /** Continues at page offset {@code target}: inside the region if it is a member whose first chunk fits. */
        void transfer(long target) {
            int k = region.indexAt(target);
            if (k >= 0) {
                c.iload(DONE_SLOT).loadConstant(Math.min(CHUNK, region.members().get(k).length())).iadd()
                        .iload(BUDGET_SLOT).if_icmple(entries[k]);
            }
            leave(() -> c.lload(BASE_SLOT).loadConstant(target).ladd());
        }

        /**
         * Continues at the pc in EXIT: inside the region if it is a member on this page whose first chunk fits (a
         * return to a call site in the region, a switch table's case, a function pointer to a member), else
         * leaves for it. Without this every return left the region, to come back into it through the
         * interpreter's dispatch when the caller was a member.
         */
        void jumpIndirect() {
            List<Region.Member> members = region.members();
            c.lload(EXIT_SLOT).lload(BASE_SLOT).lsub().lstore(TARGET_SLOT);
            c.lload(TARGET_SLOT).loadConstant((long) PAGE).invokestatic(LONG, "compareUnsigned", LONG_LONG_TO_INT)
                    .ifge(exit);
            Label[] cases = new Label[members.size()];
            List<SwitchCase> switchCases = new ArrayList<>();
            for (int k = 0; k < cases.length; k++) {
                cases[k] = c.newLabel();
                switchCases.add(SwitchCase.of(members.get(k).offset(), cases[k]));
            }
            switchCases.sort((a, b) -> Integer.compare(a.caseValue(), b.caseValue()));
            c.lload(TARGET_SLOT).l2i().lookupswitch(exit, switchCases);
            for (int k = 0; k < cases.length; k++) {
                c.labelBinding(cases[k]);
                c.iload(DONE_SLOT).loadConstant(Math.min(CHUNK, members.get(k).length())).iadd()
                        .iload(BUDGET_SLOT).if_icmple(entries[k]);
                c.goto_(exit);
            }
        }

        /** Leaves for the pc {@code target} pushes. */
        void leave(Runnable target) {
            target.run();
            c.lstore(EXIT_SLOT).goto_(exit);
        }

        void reg(int r) {
            if (r == 0) {
                c.lconst_0();
            } else {
                c.lload(slots[r]);
            }
        }

        /** x[rd] = the long {@code value} pushes; a write to x0 is computed (it may be a load) and dropped. */
        void write(int rd, Runnable value) {
            value.run();
            if (rd > 0 && rd < 32) {
                c.lstore(slots[rd]);
            } else {
                c.pop2();
            }
        }
    }

    /** Emits one instruction's bytecode, which ends by counting the instruction done unless it left. */
    private record Emitter(Generator g, CodeBuilder c, Insn i, int offset) {
        Emitter(Generator g, Insn i, int offset) {
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
}
