package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user-facing behaviour of {@code hartlab bare}: exit codes and one-line errors, never a stack trace. */
class BareCommandTest {
    @TempDir
    Path dir;

    private static Path isa(String name) {
        return TestPaths.ISA_ELFS.resolve(name + ".elf");
    }

    @Test
    void passingProgramExitsZero() {
        assertThat(CommandRun.of("bare", isa("rv64i-alu").toString()).exitCode()).isZero();
    }

    @Test
    void missingFileIsAUsageErrorNamingTheFile() {
        CommandRun run = CommandRun.of("bare", dir.resolve("nope.elf").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nope.elf: no such file").doesNotContain("Exception");
    }

    @Test
    void nonElfFileIsRejected() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.elf"), "this is not an ELF file at all, just text...........");
        CommandRun run = CommandRun.of("bare", junk.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not an ELF file").doesNotContain("Exception");
    }

    @Test
    void elfForAnotherMachineIsRejected() throws IOException {
        byte[] elf = Files.readAllBytes(isa("rv64i-alu"));
        elf[18] = 62; // e_machine = x86-64
        elf[19] = 0;
        Path other = Files.write(dir.resolve("x86.elf"), elf);
        CommandRun run = CommandRun.of("bare", other.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not a RISC-V ELF");
    }

    @Test
    void thirtyTwoBitElfIsRejected() throws IOException {
        byte[] elf = Files.readAllBytes(isa("rv64i-alu"));
        elf[4] = 1; // EI_CLASS = ELFCLASS32
        Path other = Files.write(dir.resolve("rv32.elf"), elf);
        CommandRun run = CommandRun.of("bare", other.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).containsAnyOf("not a 64-bit ELF", "malformed ELF").doesNotContain("\tat ");
    }

    @Test
    void truncatedElfIsRejectedWithoutStackTrace() throws IOException {
        byte[] elf = Files.readAllBytes(isa("rv64i-alu"));
        Path cut = Files.write(dir.resolve("cut.elf"), java.util.Arrays.copyOf(elf, 200));
        CommandRun run = CommandRun.of("bare", cut.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("hartlab bare: ").doesNotContain("\tat ");
    }

    @Test
    void segmentOutsideRamIsRejected() throws IOException {
        byte[] elf = Files.readAllBytes(isa("rv64i-alu"));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(elf).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int phoff = (int) b.getLong(32);
        int phentsize = b.getShort(54);
        for (int i = 0; i < b.getShort(56); i++) {
            int ph = phoff + i * phentsize;
            if (b.getInt(ph) == 1) { // PT_LOAD: move it below RAM
                b.putLong(ph + 24, 0x1000);
            }
        }
        Path moved = Files.write(dir.resolve("low.elf"), elf);
        CommandRun run = CommandRun.of("bare", moved.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("segment at 0x1000").contains("outside RAM");
    }

    @Test
    void instructionLimitExitsThreeNamingThePc() {
        CommandRun run = CommandRun.of("bare", "--max-instructions", "10", isa("rv64i-alu").toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).containsPattern("instruction limit 10 reached at pc 0x8000[0-9a-f]{4} \\(hart 0\\)");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CommandRun run = CommandRun.of("bare", "--frobnicate", isa("rv64i-alu").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void badHartCountIsAUsageError() {
        CommandRun run = CommandRun.of("bare", "--harts", "65", isa("rv64i-alu").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("harts must be 1..64");
    }

    @Test
    void impossibleTlbGeometryIsAUsageError() {
        CommandRun run = CommandRun.of("bare", "--tlb-entries", "64", "--tlb-ways", "3", isa("rv64i-alu").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("hartlab bare: ").doesNotContain("\tat ");
    }

    @Test
    void svTestsPassWithEveryTlbOrganisation() {
        Path vm = TestPaths.ROOT.resolve("emulator-core/src/test/resources/vm/sv39-basic.elf");
        for (String[] tlb : new String[][] {{"--tlb-unified"}, {"--tlb-cache-invalid"}, {"--tlb-entries", "4", "--tlb-ways", "1"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.concat(java.util.stream.Stream.of("bare"),
                    java.util.Arrays.stream(tlb)), java.util.stream.Stream.of(vm.toString())).toArray(String[]::new);
            CommandRun run = CommandRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", tlb) + ": " + run.err()).isZero();
        }
    }

    @Test
    void nonNumericOptionIsAUsageError() {
        CommandRun run = CommandRun.of("bare", "--ram", "lots", isa("rv64i-alu").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--ram");
    }

    @Test
    void traceInstructionsPrintsEachInstruction() {
        CommandRun run = CommandRun.of("bare", "--trace-instructions", "--max-instructions", "5", isa("rv64i-alu").toString());
        assertThat(run.err().lines().filter(l -> l.startsWith("hart0 ")).count()).isEqualTo(5);
    }

    @Test
    void aMultiHartGuestOnTooFewHartsIsToldWhereEachHartSpins() {
        // amo-counter is built for 4 harts: hart 0 waits for all of them to check in
        CommandRun run = CommandRun.of("bare", "--harts", "2", "--max-instructions", "200000",
                TestPaths.ROOT.resolve("emulator-core/src/test/resources/smp/amo-counter.elf").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INSTRUCTION_LIMIT);
        assertThat(run.err()).containsPattern("hartlab bare: the harts were at 0x[0-9a-f]+, 0x[0-9a-f]+; a program "
                + "written for more harts than --harts 2 spins waiting for the others\n");
    }

    @Test
    void traceInstructionsPrintsBitsFieldsAndRegisterWrites() {
        CommandRun run = CommandRun.of("bare", "--trace-instructions", "--max-instructions", "40",
                isa("rv64i-alu").toString());
        java.util.List<String> lines = run.err().lines().filter(l -> l.startsWith("hart0 ")).toList();
        assertThat(lines).hasSize(40).allMatch(l -> l.matches(
                "hart0 [0-9a-f]{16} \\(0x([0-9a-f]{4}|[0-9a-f]{8})\\) \\S+ rd=x\\d+ rs1=x\\d+ rs2=x\\d+ imm=-?\\d+( \\| x\\d+ 0x[0-9a-f]{16})*"));
        // an instruction that writes a register other than x0 shows the new value
        assertThat(lines).anyMatch(l -> l.matches(".* rd=x([1-9]|[12]\\d|3[01]) .* \\| x\\1 0x[0-9a-f]{16}.*"));
    }

    /** The commit-log lines of hart 0 for {@code isa}, up to {@code max} instructions. */
    private static java.util.List<String> commitLog(String isa, int max) {
        CommandRun run = CommandRun.of("bare", "--trace-instructions", "--max-instructions", Integer.toString(max),
                isa(isa).toString());
        return run.err().lines().filter(l -> l.startsWith("hart0 ")).toList();
    }

    @Test
    void traceInstructionsShowsTheAddressOfEachLoadAndTheAddressAndValueOfEachStore() {
        java.util.List<String> lines = commitLog("rv64i-loadstore", 400);
        assertThat(lines.stream().filter(l -> l.matches(".* (lb|lbu|lh|lhu|lw|lwu|ld) .*")))
                .isNotEmpty().allMatch(l -> l.matches(".* \\| mem 0x[0-9a-f]{16}"));
        // the value stored, as wide as the store: rs2's low bytes
        assertThat(lines.stream().filter(l -> l.contains(" sb "))).isNotEmpty()
                .allMatch(l -> l.matches(".* \\| mem 0x[0-9a-f]{16} 0x[0-9a-f]{2}"));
        assertThat(lines.stream().filter(l -> l.contains(" sd "))).isNotEmpty()
                .allMatch(l -> l.matches(".* \\| mem 0x[0-9a-f]{16} 0x[0-9a-f]{16}"));
        assertThat(lines.stream().filter(l -> l.matches(".* (add|addi|sub|xor|or|and|lui|auipc) .*")))
                .noneMatch(l -> l.contains("mem"));
    }

    @Test
    void traceInstructionsShowsTheValueOfAnScOnlyWhenItStored() {
        java.util.List<String> sc = commitLog("rv64a", 3000).stream().filter(l -> l.matches(".* sc\\.[wd] .*")).toList();
        // x10 is rd: 0 when the SC stored, 1 when it failed
        assertThat(sc).anyMatch(l -> l.contains("| x10 0x0000000000000001 |"))
                .anyMatch(l -> l.contains("| x10 0x0000000000000000 |"))
                .allMatch(l -> l.contains("| x10 0x0000000000000001 |")
                        ? l.matches(".* \\| mem 0x[0-9a-f]{16}") : l.matches(".* \\| mem 0x[0-9a-f]{16} 0x[0-9a-f]+"));
    }

    @Test
    void helpListsTheCommands() {
        CommandRun run = CommandRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("bare", "bench");
    }
}
