package org.hartlab.tools.difftest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a minimal static RV64 executable: ELF header, one RWX {@code PT_LOAD} holding the whole image, and
 * section headers for the image's sections plus a symbol table. The symbol table is not decoration: QEMU's
 * spike machine and hartlab find HTIF through the {@code tohost} and {@code fromhost} symbols, and QEMU refuses
 * them unless their {@code st_size} is 8.
 *
 * <pre>
 * 0x0000  Elf64_Ehdr (64 bytes)
 * 0x0040  Elf64_Phdr (56 bytes)
 * 0x1000  the image (p_offset page-aligned like p_vaddr)
 *         .symtab, .strtab, .shstrtab
 *         Elf64_Shdr[] : null, the image's sections, .symtab, .strtab, .shstrtab
 * </pre>
 */
final class ElfWriter {
    static final int EM_RISCV = 243;
    private static final int ET_EXEC = 2;
    private static final int EF_RISCV_RVC = 0x1;
    private static final int PT_LOAD = 1;
    private static final int SHT_PROGBITS = 1;
    private static final int SHT_SYMTAB = 2;
    private static final int SHT_STRTAB = 3;
    private static final int SHF_WRITE = 1;
    private static final int SHF_ALLOC = 2;
    private static final int SHF_EXECINSTR = 4;
    private static final int STB_GLOBAL = 1;
    private static final int IMAGE_OFFSET = 0x1000;

    private ElfWriter() {
    }

    /** A PROGBITS section inside the image. */
    record Section(String name, long address, long size, boolean executable) {
    }

    /** A global symbol; {@code section} is an index into the section list given to {@link #write}. */
    record Symbol(String name, long value, long size, boolean function, int section) {
    }

    /** The ELF file whose single segment loads {@code image} at {@code base} and starts at {@code entry}. */
    static byte[] write(long base, byte[] image, long entry, List<Section> sections, List<Symbol> symbols) {
        Strings shstr = new Strings();
        Strings str = new Strings();

        ByteBuffer symtab = le(24 * (symbols.size() + 1));
        symtab.position(24); // symbol 0 is the null symbol
        for (Symbol s : symbols) {
            symtab.putInt(str.add(s.name()));
            symtab.put((byte) (STB_GLOBAL << 4 | (s.function() ? 2 : 1)));
            symtab.put((byte) 0);
            symtab.putShort((short) (s.section() + 1));
            symtab.putLong(s.value());
            symtab.putLong(s.size());
        }
        byte[] symBytes = symtab.array();
        int[] sectionNames = sections.stream().mapToInt(s -> shstr.add(s.name())).toArray();
        int symtabName = shstr.add(".symtab");
        int strtabName = shstr.add(".strtab");
        int shstrtabName = shstr.add(".shstrtab");
        byte[] strBytes = str.bytes();
        byte[] shstrBytes = shstr.bytes();

        int symOffset = align(IMAGE_OFFSET + image.length, 8);
        int strOffset = symOffset + symBytes.length;
        int shstrOffset = strOffset + strBytes.length;
        int shOffset = align(shstrOffset + shstrBytes.length, 8);
        int shnum = sections.size() + 4;
        ByteBuffer out = le(shOffset + 64 * shnum);

        out.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        out.position(16);
        out.putShort((short) ET_EXEC).putShort((short) EM_RISCV).putInt(1);
        out.putLong(entry).putLong(64).putLong(shOffset);
        out.putInt(EF_RISCV_RVC).putShort((short) 64).putShort((short) 56).putShort((short) 1);
        out.putShort((short) 64).putShort((short) shnum).putShort((short) (shnum - 1));

        out.putInt(PT_LOAD).putInt(7).putLong(IMAGE_OFFSET).putLong(base).putLong(base);
        out.putLong(image.length).putLong(image.length).putLong(0x1000);

        out.put(IMAGE_OFFSET, image);
        out.put(symOffset, symBytes);
        out.put(strOffset, strBytes);
        out.put(shstrOffset, shstrBytes);

        out.position(shOffset + 64); // section 0 is the null section
        for (int k = 0; k < sections.size(); k++) {
            Section s = sections.get(k);
            long flags = SHF_ALLOC | SHF_WRITE | (s.executable() ? SHF_EXECINSTR : 0);
            sectionHeader(out, sectionNames[k], SHT_PROGBITS, flags, s.address(), IMAGE_OFFSET + s.address() - base,
                    s.size(), 0, 0, s.executable() ? 2 : 8, 0);
        }
        int strtabIndex = sections.size() + 2;
        sectionHeader(out, symtabName, SHT_SYMTAB, 0, 0, symOffset, symBytes.length, strtabIndex, 1, 8, 24);
        sectionHeader(out, strtabName, SHT_STRTAB, 0, 0, strOffset, strBytes.length, 0, 0, 1, 0);
        sectionHeader(out, shstrtabName, SHT_STRTAB, 0, 0, shstrOffset, shstrBytes.length, 0, 0, 1, 0);
        return out.array();
    }

    private static void sectionHeader(ByteBuffer out, int name, int type, long flags, long addr, long offset,
                                      long size, int link, int info, long align, long entsize) {
        out.putInt(name).putInt(type).putLong(flags).putLong(addr).putLong(offset).putLong(size);
        out.putInt(link).putInt(info).putLong(align).putLong(entsize);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int align(int v, int to) {
        return (v + to - 1) & -to;
    }

    /** A string table under construction: starts with the empty string, returns each name's offset. */
    private static final class Strings {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Strings() {
            bytes.write(0);
        }

        int add(String s) {
            int at = bytes.size();
            bytes.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            bytes.write(0);
            return at;
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
