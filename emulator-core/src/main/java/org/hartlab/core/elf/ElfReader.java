package org.hartlab.core.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import net.fornwall.jelf.ElfFile;
import net.fornwall.jelf.ElfSectionHeader;
import net.fornwall.jelf.ElfSegment;
import net.fornwall.jelf.ElfSymbol;

/**
 * Reads RV64 executables with jelf and checks everything a loader relies on, so that a bad file is reported
 * in one line instead of surfacing later as a strange guest crash.
 */
public final class ElfReader {
    private static final int EM_RISCV = 243;
    private static final byte[] MAGIC = {0x7F, 'E', 'L', 'F'};
    private static final int SECTION_HEADER_SIZE = 64;
    private static final int SYMBOL_SIZE = 24;

    private ElfReader() {
    }

    public static ElfImage read(Path path) throws ElfLoadException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ElfLoadException(path + ": no such file");
        } catch (IOException e) {
            throw new ElfLoadException(path + ": cannot read: " + e.getMessage(), e);
        }
        return read(path.toString(), bytes);
    }

    public static ElfImage read(String name, byte[] bytes) throws ElfLoadException {
        if (bytes.length < 64 || !Arrays.equals(Arrays.copyOf(bytes, 4), MAGIC)) {
            throw new ElfLoadException(name + ": not an ELF file");
        }
        ElfFile elf;
        try {
            elf = ElfFile.from(bytes);
        } catch (RuntimeException e) {
            throw new ElfLoadException(name + ": malformed ELF: " + e.getMessage(), e);
        }
        if (elf.ei_class != ElfFile.CLASS_64) {
            throw new ElfLoadException(name + ": not a 64-bit ELF (hartlab runs RV64 only)");
        }
        if (elf.ei_data != ElfFile.DATA_LSB) {
            throw new ElfLoadException(name + ": not little-endian");
        }
        if ((elf.e_machine & 0xFFFF) != EM_RISCV) {
            throw new ElfLoadException(name + ": not a RISC-V ELF (e_machine=" + (elf.e_machine & 0xFFFF) + ")");
        }
        if (elf.e_type != ElfFile.ET_EXEC) {
            throw new ElfLoadException(name + ": not a static executable (e_type=" + elf.e_type + ")");
        }
        boolean symbols = sectionsInFile(elf, bytes);
        try {
            return new ElfImage(name, elf.e_entry, segments(name, elf, bytes),
                    symbols ? symbol(elf, "tohost") : OptionalLong.empty(),
                    symbols ? symbol(elf, "fromhost") : OptionalLong.empty(),
                    programHeaderAddress(elf), elf.e_phnum, elf.e_phentsize);
        } catch (RuntimeException e) {
            throw new ElfLoadException(name + ": malformed ELF: " + e.getMessage(), e);
        }
    }

    private static List<ElfImage.Segment> segments(String name, ElfFile elf, byte[] bytes) throws ElfLoadException {
        List<ElfImage.Segment> segments = new ArrayList<>();
        for (int i = 0; i < elf.e_phnum; i++) {
            ElfSegment ph = elf.getProgramHeader(i);
            if (ph.p_type != ElfSegment.PT_LOAD || ph.p_memsz == 0) {
                continue;
            }
            if (ph.p_filesz < 0 || ph.p_offset < 0 || ph.p_filesz > ph.p_memsz
                    || ph.p_offset > bytes.length - ph.p_filesz) {
                throw new ElfLoadException(name + ": segment " + i + " lies outside the file");
            }
            byte[] data = Arrays.copyOfRange(bytes, (int) ph.p_offset, (int) (ph.p_offset + ph.p_filesz));
            segments.add(new ElfImage.Segment(ph.p_paddr, ph.p_vaddr, data, ph.p_memsz, ph.p_flags));
        }
        if (segments.isEmpty()) {
            throw new ElfLoadException(name + ": no loadable segment");
        }
        return List.copyOf(segments);
    }

    /** The virtual address of the program header table: inside the PT_LOAD that maps file offset e_phoff. */
    private static long programHeaderAddress(ElfFile elf) {
        for (int i = 0; i < elf.e_phnum; i++) {
            ElfSegment ph = elf.getProgramHeader(i);
            if (ph.p_type == ElfSegment.PT_LOAD && ph.p_offset <= elf.e_phoff
                    && elf.e_phoff < ph.p_offset + ph.p_filesz) {
                return ph.p_vaddr + (elf.e_phoff - ph.p_offset);
            }
        }
        return 0;
    }

    /**
     * True when every section with contents lies inside the file and symbol tables have whole symbols: jelf sizes
     * its string and symbol tables by the section headers alone, so a header claiming gigabytes would make it
     * allocate them (OutOfMemoryError) before it noticed that the file is shorter.
     */
    private static boolean sectionsInFile(ElfFile elf, byte[] bytes) {
        long count = elf.e_shnum & 0xFFFF;
        long size = elf.e_shentsize & 0xFFFF;
        if (size < SECTION_HEADER_SIZE || elf.e_shoff < 0 || elf.e_shoff > bytes.length
                || count > (bytes.length - elf.e_shoff) / size) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            int header = (int) (elf.e_shoff + i * size);
            int type = b.getInt(header + 4);
            long offset = b.getLong(header + 24);
            long length = b.getLong(header + 32);
            boolean symbolTable = type == ElfSectionHeader.SHT_SYMTAB || type == ElfSectionHeader.SHT_DYNSYM;
            if ((type != ElfSectionHeader.SHT_NOBITS && (offset < 0 || length < 0 || offset > bytes.length - length))
                    || (symbolTable && b.getLong(header + 56) < SYMBOL_SIZE)) {
                return false;
            }
        }
        return true;
    }

    private static OptionalLong symbol(ElfFile elf, String name) {
        ElfSymbol s;
        try {
            s = elf.getELFSymbol(name);
        } catch (RuntimeException e) {
            return OptionalLong.empty(); // a stripped or odd symbol table just means no HTIF
        }
        return s == null ? OptionalLong.empty() : OptionalLong.of(s.st_value);
    }
}
