package org.hartlab.tools.difftest;

import static org.assertj.core.api.Assertions.assertThat;

import net.fornwall.jelf.ElfFile;
import net.fornwall.jelf.ElfSymbol;
import org.hartlab.core.elf.ElfImage;
import org.hartlab.core.elf.ElfReader;
import org.junit.jupiter.api.Test;

/** The ELF writer's output is what hartlab's loader and QEMU's spike machine expect. */
class ElfWriterTest {
    private final Program program = ProgramGenerator.generate(3, 200);

    @Test
    void hartlabElfReaderAcceptsItWithEntryAndSegmentAtRamBase() throws Exception {
        ElfImage image = ElfReader.read("generated", program.elf());
        assertThat(image.entry()).isEqualTo(Harness.BASE);
        assertThat(image.segments()).hasSize(1);
        assertThat(image.segments().get(0).address()).isEqualTo(Harness.BASE);
    }

    @Test
    void htifSymbolsAreFoundAndAdjacent() throws Exception {
        ElfImage image = ElfReader.read("generated", program.elf());
        long tohost = image.tohost().orElseThrow();
        assertThat(tohost % 4096).isZero();
        assertThat(image.fromhost().orElseThrow()).isEqualTo(tohost + 8);
    }

    @Test
    void htifSymbolsAreEightBytesLongAsQemuRequires() {
        ElfFile elf = ElfFile.from(program.elf());
        for (String name : new String[] {"tohost", "fromhost"}) {
            ElfSymbol s = elf.getELFSymbol(name);
            assertThat(s).as(name).isNotNull();
            assertThat(s.st_size).as(name + " st_size").isEqualTo(8);
        }
    }

    @Test
    void headerSaysStaticRiscvExecutable() {
        ElfFile elf = ElfFile.from(program.elf());
        assertThat((int) elf.e_type).isEqualTo(ElfFile.ET_EXEC);
        assertThat(elf.e_machine & 0xFFFF).isEqualTo(ElfWriter.EM_RISCV);
        assertThat((int) elf.ei_class).isEqualTo((int) ElfFile.CLASS_64);
    }
}
