package org.hartlab.tools.gdb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hartlab.core.debug.DebugTarget;

/**
 * The registers GDB may ask for, and the {@code target.xml} that names them: feature {@code org.gnu.gdb.riscv.cpu}
 * (x0–x31 by ABI name, pc), {@code org.gnu.gdb.riscv.fpu} (f0–f31 as raw 64-bit patterns, fflags, frm, fcsr) and {@code org.gnu.gdb.riscv.csr} with the CSRs worth looking
 * at. Register numbers are GDB's: {@link DebugTarget#CSR_BASE} + the CSR number for CSRs.
 */
public final class TargetDescription {
    public static final String CPU = "org.gnu.gdb.riscv.cpu";
    public static final String FPU = "org.gnu.gdb.riscv.fpu";
    public static final String CSR = "org.gnu.gdb.riscv.csr";

    /** One register: its name, GDB number, width and GDB type, and the feature it belongs to. */
    public record Register(String name, int regnum, int bitsize, String type, String feature) {
        public int bytes() {
            return bitsize / 8;
        }
    }

    private static final String[] X_NAMES = {"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "fp", "s1", "a0", "a1",
        "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4",
        "t5", "t6"};
    private static final String[] F_NAMES = {"ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1",
        "fa0", "fa1", "fa2", "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9",
        "fs10", "fs11", "ft8", "ft9", "ft10", "ft11"};
    /** The CSRs described, by number, in the order {@code info registers csr} lists them. */
    private static final Map<String, Integer> CSRS = csrs();

    private static Map<String, Integer> csrs() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("sstatus", 0x100);
        m.put("sie", 0x104);
        m.put("stvec", 0x105);
        m.put("sscratch", 0x140);
        m.put("sepc", 0x141);
        m.put("scause", 0x142);
        m.put("stval", 0x143);
        m.put("sip", 0x144);
        m.put("satp", 0x180);
        m.put("mstatus", 0x300);
        m.put("misa", 0x301);
        m.put("medeleg", 0x302);
        m.put("mideleg", 0x303);
        m.put("mie", 0x304);
        m.put("mtvec", 0x305);
        m.put("mscratch", 0x340);
        m.put("mepc", 0x341);
        m.put("mcause", 0x342);
        m.put("mtval", 0x343);
        m.put("mip", 0x344);
        m.put("cycle", 0xc00);
        m.put("time", 0xc01);
        m.put("instret", 0xc02);
        m.put("mhartid", 0xf14);
        return m;
    }

    private final List<Register> registers;
    private final Map<Integer, Register> byNumber = new LinkedHashMap<>();
    private final String xml;

    private TargetDescription(List<Register> registers) {
        this.registers = List.copyOf(registers);
        registers.forEach(r -> byNumber.put(r.regnum(), r));
        this.xml = toXml();
    }

    /** RV64 as hartlab implements it. */
    public static TargetDescription riscv64() {
        List<Register> regs = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            String type = switch (i) {
                case 1 -> "code_ptr";
                case 2, 3, 4, 8 -> "data_ptr";
                default -> "int";
            };
            regs.add(new Register(X_NAMES[i], i, 64, type, CPU));
        }
        regs.add(new Register("pc", DebugTarget.PC, 64, "code_ptr", CPU));
        for (int i = 0; i < 32; i++) {
            regs.add(new Register(F_NAMES[i], DebugTarget.FPR_BASE + i, 64, "ieee_double", FPU));
        }
        regs.add(new Register("fflags", DebugTarget.CSR_BASE + 1, 32, "int", FPU));
        regs.add(new Register("frm", DebugTarget.CSR_BASE + 2, 32, "int", FPU));
        regs.add(new Register("fcsr", DebugTarget.CSR_BASE + 3, 32, "int", FPU));
        CSRS.forEach((name, csr) -> regs.add(new Register(name, DebugTarget.CSR_BASE + csr, 64, "int", CSR)));
        return new TargetDescription(regs);
    }

    public List<Register> registers() {
        return registers;
    }

    public Optional<Register> register(int regnum) {
        return Optional.ofNullable(byNumber.get(regnum));
    }

    public String xml() {
        return xml;
    }

    /**
     * The reply to {@code qXfer:features:read:target.xml:OFFSET,LENGTH}: {@code m} and a chunk when more follows,
     * {@code l} and the rest when it is the last.
     */
    public String read(int offset, int length) {
        if (offset >= xml.length()) {
            return "l";
        }
        int end = (int) Math.min((long) offset + length, xml.length());
        return (end == xml.length() ? "l" : "m") + xml.substring(offset, end);
    }

    private String toXml() {
        StringBuilder out = new StringBuilder("""
                <?xml version="1.0"?>
                <!DOCTYPE target SYSTEM "gdb-target.dtd">
                <target version="1.0">
                  <architecture>riscv:rv64</architecture>
                """);
        String feature = null;
        for (Register r : registers) {
            if (!r.feature().equals(feature)) {
                if (feature != null) {
                    out.append("  </feature>\n");
                }
                feature = r.feature();
                out.append("  <feature name=\"").append(feature).append("\">\n");
            }
            out.append("    <reg name=\"%s\" bitsize=\"%d\" type=\"%s\" regnum=\"%d\"/>\n".formatted(r.name(), r.bitsize(),
                    r.type(), r.regnum()));
        }
        return out.append("  </feature>\n</target>\n").toString();
    }
}
