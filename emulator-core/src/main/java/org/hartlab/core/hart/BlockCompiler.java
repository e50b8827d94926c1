package org.hartlab.core.hart;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a {@link Region} (a hot block and the blocks of its page that it reaches) into a hidden JVM class, so
 * HotSpot compiles guest code, loops included, instead of the interpreter's dispatch running it. Only integer
 * instructions are translated (RV64IM, loads, stores, jumps, branches, FENCE); a block's translation stops before
 * its first other instruction.
 *
 * <p>Guest registers are read from JVM locals, loaded from {@code Hart.x} once on entry, and every write goes to
 * both the local and {@code Hart.x}, so each instruction's effect is architectural wherever it can be observed and
 * no way out, a trap's included, has registers to write back. When the ways out wrote every written register back,
 * each register's value stayed live to the end of the method, and C2, which spent most of its time allocating
 * registers, compiled regions more slowly (43-52 KB of bytecode a second against 55-65; a three-run callmix took
 * 2.6-3.1 s of CPU against 1.8-2.1). The pc is materialised only on the way out; a load or store records its own
 * page offset in a local first, from which the handler rebuilds the faulting pc.
 *
 * <p>A branch or jump to a member of the region is a JVM jump, and so is a JALR whose target is one (a lookup
 * switch on its page offset), taken only if the member's first {@link #CHUNK} instructions fit in the instruction
 * budget the caller gave (longer members check again every chunk); otherwise, and for every other target, the code
 * leaves with the hart's pc at the target. After a load or store it also leaves if the hart asked to end the block
 * (see {@code Hart.blockEnd}), exactly where the interpreter would stop.
 */
final class BlockCompiler {
    static final ClassDesc HART = Hart.class.describeConstable().orElseThrow();
    static final ClassDesc LSU = LoadStoreUnit.class.describeConstable().orElseThrow();
    private static final ClassDesc COMPILED = CompiledBlock.class.describeConstable().orElseThrow();
    static final ClassDesc LONG = Long.class.describeConstable().orElseThrow();
    private static final ClassDesc LONG_ARRAY = long[].class.describeConstable().orElseThrow();
    static final MethodTypeDesc LONG_LONG_TO_INT = MethodTypeDesc.of(CD_int, CD_long, CD_long);
    private static final MethodTypeDesc RUN = MethodTypeDesc.of(CD_int, HART, CD_int, CD_int);
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    /**
     * Translated code checks its instruction budget at most this many instructions apart, so it runs to within
     * this many of the budget; the slice's last few instructions are then interpreted (see {@link BlockRunner}).
     */
    static final int CHUNK = 8;
    private static final int PAGE = 4096;
    /** HotSpot does not JIT-compile methods longer than 8000 bytes of bytecode; a region must stay below. */
    private static final int MAX_CODE_LENGTH = 7_900;

    // Local variable slots of the generated run(Hart, int, int) method.
    static final int HART_SLOT = 1;
    private static final int BUDGET_SLOT = 2;
    /** int: the index of the member the call enters at. */
    private static final int ENTRY_SLOT = 3;
    private static final int X_SLOT = 4;
    /** long: the virtual address of page offset 0, from which every pc is computed. */
    static final int BASE_SLOT = 5;
    /** int: instructions completed in this call. */
    static final int DONE_SLOT = 7;
    /** int: the page offset of the load or store under way, for a trap's pc. */
    static final int AT_SLOT = 8;
    /** long: the pc to leave for. */
    static final int EXIT_SLOT = 9;
    /** The hart's load-store unit, fetched once: it never changes, and each access then saves a load. */
    static final int LSU_SLOT = 11;
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
    static final class Generator {
        final CodeBuilder c;
        private final Region region;
        private final Label[] entries;
        /** Per guest register, its local slot, or 0 when the region never names it. */
        private final int[] slots = new int[32];
        final Label exit;

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
            c.aload(HART_SLOT).lload(EXIT_SLOT).putfield(HART, "pc", CD_long);
            c.iload(DONE_SLOT).ireturn();

            c.labelBinding(handler);
            c.astore(FAULT_SLOT);
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
                new InsnEmitter(this, i, offset).emit();
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
                jumpIfFits(k);
            }
            leave(() -> c.lload(BASE_SLOT).loadConstant(target).ladd());
        }

        /** Jumps to member {@code k} if its first chunk fits in the budget left; else falls through. */
        private void jumpIfFits(int k) {
            c.iload(DONE_SLOT).loadConstant(Math.min(CHUNK, region.members().get(k).length())).iadd()
                    .iload(BUDGET_SLOT).if_icmple(entries[k]);
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
            c.lload(TARGET_SLOT).l2i().lookupswitch(exit, switchCases);
            for (int k = 0; k < cases.length; k++) {
                c.labelBinding(cases[k]);
                jumpIfFits(k);
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

        /**
         * x[rd] = the long {@code value} pushes, in rd's local and in {@code Hart.x} (see the class comment); a write
         * to x0 is computed (it may be a load) and dropped.
         */
        void write(int rd, Runnable value) {
            value.run();
            if (rd > 0 && rd < 32) {
                c.lstore(slots[rd]);
                c.aload(X_SLOT).loadConstant(rd).lload(slots[rd]).lastore();
            } else {
                c.pop2();
            }
        }
    }
}
