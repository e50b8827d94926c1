package org.hartlab.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locations in the source tree that the tools tests use (Maven runs them from the module directory). */
final class TestPaths {
    private TestPaths() {
    }

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path GUESTS = ROOT.resolve("guests");
    static final Path ISA_ELFS = ROOT.resolve("emulator-core/src/test/resources/isa");
    static final Path SMP_ELFS = ROOT.resolve("emulator-core/src/test/resources/smp");
    static final Path PRIV_ELFS = ROOT.resolve("emulator-core/src/test/resources/priv");
    static final Path VM_ELFS = ROOT.resolve("emulator-core/src/test/resources/vm");
    static final Path STALE_ELFS = ROOT.resolve("emulator-core/src/test/resources/stale");

    static List<Path> elfsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".elf")).sorted().toList();
        }
    }
}
