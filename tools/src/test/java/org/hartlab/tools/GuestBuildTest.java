package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed guest ELFs are exactly what their sources build to, each ISA test passes on QEMU too, and each
 * user program behaves on Linux as its expectations say, so the tests test hartlab rather than their own
 * mistakes. Both need host tools (see RequiredTool).
 */
class GuestBuildTest {
    /**
     * Checked by rebuilding elsewhere: the committed ELFs are left as they are, mtimes too (a rewritten one would
     * look newer than the jar and make ./hartlab rebuild it).
     */
    @Test
    void committedGuestElfsAreReproducibleFromSourceAndLeftUntouched() throws Exception {
        RequiredTool.require("riscv64-unknown-elf-gcc", "gcc-riscv64-unknown-elf");
        RequiredTool.require("make", "make");
        Map<Path, FileTime> before = committedElfTimes();
        assertMakeSucceeds("check");
        assertThat(committedElfTimes()).isEqualTo(before);
    }

    /** The static glibc programs too; they need Debian's cross compiler and its static glibc. */
    @Test
    void committedGlibcElfsAreReproducibleFromSourceAndLeftUntouched() throws Exception {
        RequiredTool.require("riscv64-linux-gnu-gcc", "gcc-riscv64-linux-gnu");
        RequiredTool.require("make", "make");
        Map<Path, FileTime> before = committedElfTimes();
        assertMakeSucceeds("glibc-check");
        assertThat(committedElfTimes()).isEqualTo(before);
    }

    /** The modification time of every ELF under a module's src/. */
    private static Map<Path, FileTime> committedElfTimes() throws IOException {
        Map<Path, FileTime> times = new TreeMap<>();
        try (Stream<Path> modules = Files.list(TestPaths.ROOT)) {
            for (Path src : modules.map(m -> m.resolve("src")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(src)) {
                    for (Path elf : files.filter(f -> f.toString().endsWith(".elf")).toList()) {
                        times.put(elf, Files.getLastModifiedTime(elf));
                    }
                }
            }
        }
        return times;
    }

    @Test
    void everyIsaTestPassesOnQemuSpike() throws Exception {
        RequiredTool.require("qemu-system-riscv64", "qemu-system-misc");
        RequiredTool.require("make", "make");
        assertMakeSucceeds("qemu-check");
    }

    /** The user programs' expectations hold on Linux itself (qemu-user), so they test hartlab's kernel, not ours. */
    @Test
    void everyUserProgramBehavesAlikeOnLinuxUnderQemuUser() throws Exception {
        RequiredTool.require("qemu-riscv64", "qemu-user");
        RequiredTool.require("make", "make");
        assertMakeSucceeds("user-qemu-check");
    }

    /**
     * The Makefile's checks rebuild into {@code mktemp -d} directories and never write into the source tree;
     * TMPDIR puts those under this module's target/ so a build leaves nothing behind outside it.
     */
    private static void assertMakeSucceeds(String target) throws IOException, InterruptedException {
        Path scratch = Files.createDirectories(Path.of("target", "guest-build").toAbsolutePath());
        HostCommand.Result r = HostCommand.run(List.of("make", "-s", "-C", TestPaths.GUESTS.toString(), target),
                Map.of("TMPDIR", scratch.toString()), 10, TimeUnit.MINUTES);
        assertThat(r.exitCode()).as("make " + target + ":\n" + r.output()).isZero();
    }
}
