package org.hartlab.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.hartlab.core.elf.ElfImage;
import org.hartlab.core.elf.ElfLoadException;
import org.hartlab.core.elf.ElfReader;

/** The guest programs bundled with the kernel (sources in guests/user), found by name, or ELF files by path. */
public final class Programs {
    public static final List<String> BUNDLED =
            List.of("hello", "args", "brk-test", "mmap-test", "fork-test", "threads-test", "syscalls-test", "fork-tree",
                    "threads", "mmap-stress", "pingpong", "cow-race", "cow-cost", "fork-bomb", "oom", "bad-syscalls",
                    "many-threads", "fp-threads", "cow-fork", "cow-unmap");

    private Programs() {
    }

    /** Loads bundled program {@code name}, or the ELF file at that path when it is not a bundled name. */
    public static ElfImage load(String name) throws ElfLoadException {
        if (!BUNDLED.contains(name)) {
            return ElfReader.read(Path.of(name));
        }
        try (InputStream in = Programs.class.getResourceAsStream("/programs/" + name + ".elf")) {
            if (in == null) {
                throw new ElfLoadException(name + ": bundled program missing from the build");
            }
            return ElfReader.read(name, in.readAllBytes());
        } catch (IOException e) {
            throw new ElfLoadException(name + ": cannot read bundled program: " + e.getMessage(), e);
        }
    }
}
