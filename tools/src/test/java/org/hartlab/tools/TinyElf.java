package org.hartlab.tools;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Static RV64 executables made of a few instructions, written by tests, and the encodings they use. */
final class TinyElf {
    static final int ECALL = 0x00000073;
    /** jal x0, 0: {@code j .} */
    static final int LOOP = 0x0000006F;

    private TinyElf() {
    }

    /** addi rd, rs1, imm (imm in -2048..2047). */
    static int addi(int rd, int rs1, int imm) {
        return (imm & 0xFFF) << 20 | rs1 << 15 | rd << 7 | 0x13;
    }

    /** addi rd, x0, imm: li for a small immediate. */
    static int addi(int rd, int imm) {
        return addi(rd, 0, imm);
    }

    /** lui rd, imm20. */
    static int lui(int rd, int imm20) {
        return (imm20 & 0xFFFFF) << 12 | rd << 7 | 0x37;
    }

    /** addiw rd, rs1, imm. */
    static int addiw(int rd, int rs1, int imm) {
        return (imm & 0xFFF) << 20 | rs1 << 15 | rd << 7 | 0x1B;
    }

    /** slli rd, rs1, shamt (0..63). */
    static int slli(int rd, int rs1, int shamt) {
        return (shamt & 0x3F) << 20 | rs1 << 15 | 1 << 12 | rd << 7 | 0x13;
    }

    /**
     * Writes a static RV64 executable to {@code path}: one R X segment at {@code base} holding the headers and
     * {@code code} (the entry point, right after the headers), and a section header table of the null section
     * alone (the reader wants one). Returns the code's address.
     */
    static long write(Path path, long base, int... code) throws IOException {
        int codeOffset = 64 + 56;
        int loaded = codeOffset + 4 * code.length;
        ByteBuffer b = ByteBuffer.allocate(loaded + 64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        b.putShort((short) 2).putShort((short) 243).putInt(1);             // ET_EXEC, EM_RISCV, EV_CURRENT
        b.putLong(base + codeOffset).putLong(64).putLong(loaded);           // entry, phoff, shoff
        b.putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) 1); // flags, ehsize, phentsize, phnum
        b.putShort((short) 64).putShort((short) 1).putShort((short) 0);     // shentsize, shnum, shstrndx
        b.putInt(1).putInt(5).putLong(0).putLong(base).putLong(base);       // PT_LOAD, R X, offset, vaddr, paddr
        b.putLong(loaded).putLong(loaded).putLong(0x1000);                  // filesz, memsz, align
        for (int insn : code) {
            b.putInt(insn);
        }
        Files.write(path, b.array());
        return base + codeOffset;
    }
}
