package org.hartlab.core.hart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.bus.Ram;

/**
 * A fresh machine for single-instruction tests: each hart runs code from its own page, traps go to
 * {@link #TRAP_VECTOR}, and data lives at {@link #DATA}. Instructions are given as assembly text and looked
 * up in {@link #WORDS}, so a test reads like the program it runs.
 */
final class HartFixture {
    static final long TRAP_VECTOR = Ram.BASE + 0x8000;
    static final long DATA = Ram.BASE + 0x2_0000;

    /**
     * Instruction words as GNU as 2.40 encodes them. Produced once with {@code riscv64-unknown-elf-as
     * -march=rv64gc} ({@code .option norvc} for the 32-bit lines, {@code .option rvc} for the {@code c.}
     * lines), linked at 0x8000_0000 with {@code riscv64-unknown-elf-ld} and read back with
     * {@code riscv64-unknown-elf-objdump -d}. To add an instruction, assemble it the same way and add a line.
     */
    private static final Map<String, Integer> WORDS = Map.ofEntries(
            Map.entry("addi x0, x6, 1", 0x00130013),
            Map.entry("addiw x5, x6, -1", 0xFFF3029B),
            Map.entry("addiw x5, x6, 1", 0x0013029B),
            Map.entry("addw x5, x6, x7", 0x007302BB),
            Map.entry("amoadd.d x5, x7, (x6)", 0x007332AF),
            Map.entry("amoadd.w x5, x7, (x6)", 0x007322AF),
            Map.entry("amomaxu.w x5, x7, (x6)", 0xE07322AF),
            Map.entry("amomin.w x5, x7, (x6)", 0x807322AF),
            Map.entry("amoswap.d x5, x7, (x6)", 0x087332AF),
            Map.entry("amoswap.w x5, x7, (x6)", 0x087322AF),
            Map.entry("c.ebreak", 0x9002),
            Map.entry("c.fldsp f0, 8(sp)", 0x2022),
            Map.entry("csrrs x5, fflags, x0", 0x001022F3),
            Map.entry("fadd.d f5, f6, f7, dyn", 0x027372D3),
            Map.entry("fadd.d f5, f6, f7, rne", 0x027302D3),
            Map.entry("fadd.d f5, f6, f7, rtz", 0x027312D3),
            Map.entry("fadd.s f5, f6, f7, dyn", 0x007372D3),
            Map.entry("fcvt.d.s f5, f6, dyn", 0x420372D3),
            Map.entry("flw f5, 0(x6)", 0x00032287),
            Map.entry("fmadd.d f5, f6, f7, f8, dyn", 0x427372C3),
            Map.entry("fmv.x.w x5, f6", 0xE00302D3),
            Map.entry("fsd f7, 0(x6)", 0x00733027),
            Map.entry("fsgnj.s f5, f6, f7", 0x207302D3),
            Map.entry("c.jalr x6", 0x9302),
            Map.entry("c.jr x6", 0x8302),
            Map.entry("div x5, x6, x7", 0x027342B3),
            Map.entry("divu x5, x6, x7", 0x027352B3),
            Map.entry("divuw x5, x6, x7", 0x027352BB),
            Map.entry("divw x5, x6, x7", 0x027342BB),
            Map.entry("ebreak", 0x00100073),
            Map.entry("ecall", 0x00000073),
            Map.entry("jalr x5, -1(x6)", 0xFFF302E7),
            Map.entry("jalr x5, 1(x5)", 0x001282E7),
            Map.entry("jalr x5, 3(x6)", 0x003302E7),
            Map.entry("lb x5, 0(x6)", 0x00030283),
            Map.entry("lbu x5, 0(x6)", 0x00034283),
            Map.entry("ld x0, 0(x6)", 0x00033003),
            Map.entry("ld x5, 0(x6)", 0x00033283),
            Map.entry("lh x5, 0(x6)", 0x00031283),
            Map.entry("lhu x5, 0(x6)", 0x00035283),
            Map.entry("lr.d x5, (x6)", 0x100332AF),
            Map.entry("lr.w x5, (x6)", 0x100322AF),
            Map.entry("lui x0, 0x12345", 0x12345037),
            Map.entry("lw x5, 0(x6)", 0x00032283),
            Map.entry("lwu x5, 0(x6)", 0x00036283),
            Map.entry("mul x0, x6, x7", 0x02730033),
            Map.entry("mul x5, x6, x7", 0x027302B3),
            Map.entry("mulh x5, x6, x7", 0x027312B3),
            Map.entry("mulhsu x5, x6, x7", 0x027322B3),
            Map.entry("mulhu x5, x6, x7", 0x027332B3),
            Map.entry("mulw x5, x6, x7", 0x027302BB),
            Map.entry("rem x5, x6, x7", 0x027362B3),
            Map.entry("remu x5, x6, x7", 0x027372B3),
            Map.entry("remuw x5, x6, x7", 0x027372BB),
            Map.entry("remw x5, x6, x7", 0x027362BB),
            Map.entry("sc.d x8, x7, (x6)", 0x1873342F),
            Map.entry("sc.w x8, x7, (x6)", 0x1873242F),
            Map.entry("sd x7, 0(x6)", 0x00733023),
            Map.entry("sll x5, x6, x7", 0x007312B3),
            Map.entry("slliw x5, x6, 1", 0x0013129B),
            Map.entry("slliw x5, x6, 31", 0x01F3129B),
            Map.entry("sllw x5, x6, x7", 0x007312BB),
            Map.entry("sra x5, x6, x7", 0x407352B3),
            Map.entry("sraiw x5, x6, 4", 0x4043529B),
            Map.entry("sraw x5, x6, x7", 0x407352BB),
            Map.entry("srl x5, x6, x7", 0x007352B3),
            Map.entry("srliw x5, x6, 0", 0x0003529B),
            Map.entry("srliw x5, x6, 4", 0x0043529B),
            Map.entry("srlw x5, x6, x7", 0x007352BB),
            Map.entry("subw x5, x6, x7", 0x407302BB),
            Map.entry("sw x7, 0(x6)", 0x00732023));

    private final Machine machine;

    private HartFixture(int harts) {
        machine = new Machine(MachineConfig.defaults().withHarts(harts), OutputStream.nullOutputStream());
        for (int id = 0; id < harts; id++) {
            hart(id).csr.mtvec = TRAP_VECTOR;
            hart(id).setPc(code(id));
        }
    }

    static HartFixture oneHart() {
        return new HartFixture(1);
    }

    static HartFixture twoHarts() {
        return new HartFixture(2);
    }

    /** The instruction word GNU as produced for {@code asm} (see {@link #WORDS}). */
    static int word(String asm) {
        Integer w = WORDS.get(asm);
        if (w == null) {
            throw new IllegalArgumentException("HartFixture.word: not assembled yet: " + asm);
        }
        return w;
    }

    /** The {@link Op} constant named after a mnemonic ({@code lr.w} is {@code Op.LR_W}). */
    static int opNamed(String mnemonic) {
        String name = mnemonic.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
        try {
            Field f = Op.class.getDeclaredField(name);
            assertThat(Modifier.isStatic(f.getModifiers())).isTrue();
            return f.getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("HartFixture.opNamed: no Op." + name, e);
        }
    }

    /** The address hart {@code id}'s code starts at (its own page, so harts never share decoded code). */
    static long code(int id) {
        return Ram.BASE + 0x1000L * (id + 1);
    }

    Hart hart(int id) {
        return machine.hart(id);
    }

    Hart hart() {
        return hart(0);
    }

    Ram ram() {
        return machine.bus().ram();
    }

    /** Places {@code program} at hart {@code id}'s code address, each instruction after the previous one. */
    HartFixture program(int id, String... program) {
        long pa = code(id);
        for (String asm : program) {
            pa += place(pa, word(asm));
        }
        return this;
    }

    /** Stores one raw instruction (16-bit when its low bits say so) and returns its length. */
    int place(long pa, int bits) {
        if (Decoder.isCompressed(bits)) {
            ram().store16(pa, (short) bits);
            return 2;
        }
        ram().store32(pa, bits);
        return 4;
    }

    /** Runs hart {@code id} for exactly one step: one instruction retired or one trap taken. */
    HartFixture step(int id) {
        assertThat(hart(id).run(1)).as("steps taken").isEqualTo(1);
        return this;
    }

    /** Places {@code asm} at hart 0's code address, executes it and returns hart 0. */
    Hart execute(String asm) {
        return program(0, asm).step(0).hart();
    }

    /** Places raw instruction bits at hart 0's code address, executes them and returns hart 0. */
    Hart executeBits(int bits) {
        place(code(0), bits);
        return step(0).hart();
    }

    /** Parses a decimal or (possibly negative) hexadecimal literal; hex literals may use all 64 bits. */
    static long parse(String literal) {
        String s = literal.strip();
        boolean negative = s.startsWith("-");
        String digits = negative ? s.substring(1) : s;
        long magnitude = digits.startsWith("0x") ? Long.parseUnsignedLong(digits.substring(2), 16)
                : Long.parseLong(digits);
        return negative ? -magnitude : magnitude;
    }
}
