package org.hartlab.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hartlab.core.elf.ElfImage;
import org.hartlab.core.elf.ElfLoadException;
import org.hartlab.core.elf.ElfReader;

/**
 * The guest programs bundled with the kernel, found by name, or ELF files by path: those of guests/user, and
 * the static glibc ones of guests/glibc, named {@code glibc-*} (resources under programs/glibc/).
 */
public final class Programs {
    public static final List<String> GLIBC = List.of("glibc-pthread-join", "glibc-condvar", "glibc-sleep-clock",
            "glibc-futex-timeout", "glibc-futex-ops", "glibc-robust-mutex", "glibc-cow-race-mutex",
            "glibc-cow-race-spin", "glibc-pipes", "glibc-signals", "glibc-sigwait", "glibc-itimer", "glibc-abort",
            "glibc-threads", "glibc-sigint");
    public static final List<String> BUNDLED = Stream.concat(
            Stream.of("hello", "args", "brk-test", "mmap-test", "fork-test", "threads-test",
                    "syscalls-test", "fork-tree", "threads", "mmap-stress", "pingpong", "cow-race", "cow-cost",
                    "fork-bomb", "oom", "bad-syscalls", "many-threads", "fp-threads", "litmus-spin", "litmus-futex", "cow-fork",
                    "cow-unmap"),
            GLIBC.stream()).toList();

    private Programs() {
    }

    /**
     * Loads bundled program {@code name}, or the ELF file at that path when it is not a bundled name; a name that
     * is neither says where the bundled ones are listed (a mistyped bundled name is the likely mistake).
     */
    public static ElfImage load(String name) throws ElfLoadException {
        if (!BUNDLED.contains(name)) {
            Path path = Path.of(name);
            if (!Files.exists(path)) {
                throw new ElfLoadException(name + ": no such file, nor a bundled program (run --help lists them)");
            }
            return ElfReader.read(path);
        }
        String resource = (GLIBC.contains(name) ? "/programs/glibc/" : "/programs/") + name + ".elf";
        try (InputStream in = Programs.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ElfLoadException(name + ": bundled program missing from the build");
            }
            return ElfReader.read(name, in.readAllBytes());
        } catch (IOException e) {
            throw new ElfLoadException(name + ": cannot read bundled program: " + e.getMessage(), e);
        }
    }
}
