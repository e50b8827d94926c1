package org.hartlab.tools.difftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hartlab.tools.HartlabMain;
import org.hartlab.tools.HostCommand;
import org.hartlab.tools.RequiredTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The fast differential test: fixed seeds, short programs, hartlab against {@code qemu-system-riscv64 -machine
 * spike}; and the generator's listings against GNU as. Like the other host-tool tests, a missing tool skips
 * locally and fails when {@code HARTLAB_REQUIRE_TOOLS=true} (CI).
 */
class DifftestAgainstQemuTest {
    private static final int PROGRAMS = 20;
    private static final int LENGTH = 200;

    @TempDir
    Path dir;

    @Test
    void twentyShortProgramsAgreeWithQemu() throws Exception {
        DiffRunner runner = new DiffRunner(RequiredTool.require("qemu-system-riscv64", "qemu-system-misc"),
                Duration.ofSeconds(30));
        StringWriter report = new StringWriter();
        for (long seed = 1; seed <= PROGRAMS; seed++) {
            DiffRunner.Result r = runner.run(ProgramGenerator.generate(seed, LENGTH));
            if (!r.agree()) {
                Report.disagreement(r, new PrintWriter(report));
            }
        }
        assertThat(report.toString()).as("disagreements").isEmpty();
    }

    @Test
    void twentyShortFpProgramsAgreeWithQemu() throws Exception {
        DiffRunner runner = new DiffRunner(RequiredTool.require("qemu-system-riscv64", "qemu-system-misc"),
                Duration.ofSeconds(30));
        StringWriter report = new StringWriter();
        for (long seed = 1; seed <= PROGRAMS; seed++) {
            DiffRunner.Result r = runner.run(ProgramGenerator.generate(seed, LENGTH, true));
            if (!r.agree()) {
                Report.disagreement(r, new PrintWriter(report));
            }
        }
        assertThat(report.toString()).as("disagreements").isEmpty();
    }

    @Test
    void difftestCommandExitsZeroWhenAllAgree() {
        RequiredTool.require("qemu-system-riscv64", "qemu-system-misc");
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new HartlabMain());
        cli.setOut(new PrintWriter(out, true));
        int code = cli.execute("difftest", "--seed", "77", "--count", "2", "--length", "100");
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("seeds 77..78").contains("all 2 programs agree");
    }

    @Test
    void difftestCommandRejectsANonPositiveCount() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new HartlabMain());
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("difftest", "--count", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("hartlab difftest: --count");
    }

    /** Every listing line assembles, with GNU as, to exactly the bytes the generator emitted. */
    @Test
    void listingsAssembleToTheGeneratedBytes() throws Exception {
        Path as = RequiredTool.require("riscv64-unknown-elf-as", "binutils-riscv64-unknown-elf");
        Path objcopy = RequiredTool.require("riscv64-unknown-elf-objcopy", "binutils-riscv64-unknown-elf");
        for (long seed : new long[] {11, 12, 13}) {
            Program p = ProgramGenerator.generate(seed, 2000, seed == 13); // one with F/D
            List<String> source = new ArrayList<>(List.of(".text"));
            for (String line : p.listing()) {
                String text = line.substring(21); // "address:  encoding  text", fixed widths
                source.add(text.startsWith("c.") ? ".option rvc" : ".option norvc");
                source.add(text);
            }
            Path s = Files.write(dir.resolve(seed + ".s"), source);
            Path o = dir.resolve(seed + ".o");
            Path bin = dir.resolve(seed + ".bin");
            run(as.toString(), "-march=rv64gc", "-o", o.toString(), s.toString());
            run(objcopy.toString(), "-O", "binary", "-j", ".text", o.toString(), bin.toString());
            byte[] assembled = Files.readAllBytes(bin);
            byte[] generated = java.util.Arrays.copyOfRange(p.elf(), 0x1000, 0x1000 + assembled.length);
            assertThat(generated).as("seed " + seed + " code bytes").isEqualTo(assembled);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        HostCommand.Result r = HostCommand.run(List.of(command), 60, TimeUnit.SECONDS);
        assertThat(r.exitCode()).as(String.join(" ", command) + ": " + r.output()).isZero();
    }
}
