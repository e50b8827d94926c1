package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Debian's static busybox ({@link DebianBusybox}) on the hosted kernel, next to qemu-riscv64 as the Linux
 * reference: its shell with pipelines (fork, pipe2, dup3, execve of /proc/self/exe), exit statuses, printf's
 * fcntl, stdin from the run's own stdin, sleeping, stderr, and date on the boot epoch.
 */
class BusyboxTest {
    /** Applet and arguments, what the run's stdin holds, what Linux prints, and its exit status. */
    private static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of(List.of("sh", "-c", "echo a | cat"), "", "a\n", 0),
                Arguments.of(List.of("printf", "%s-%d\\n", "x", "5"), "", "x-5\n", 0),
                Arguments.of(List.of("sha256sum"), "abc\n",
                        "edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb  -\n", 0),
                Arguments.of(List.of("sleep", "0.1"), "", "", 0),
                Arguments.of(List.of("wc", "-c"), "abc\n", "4\n", 0),
                Arguments.of(List.of("sh", "-c", "echo a; exit 3"), "", "a\n", 3),
                Arguments.of(List.of("sh", "-c", "for i in 3 1 2; do echo $i; done | sort | tr 1 x"), "",
                        "x\n2\n3\n", 0),
                Arguments.of(List.of("sh", "-c", "cat | wc -l; echo done"), "one\ntwo\n", "2\ndone\n", 0));
    }

    private static CommandRun hartlab(Path busybox, List<String> args, String input, String... options) {
        List<String> command = new ArrayList<>(List.of("run", "--stats"));
        command.addAll(List.of(options));
        command.add("--");
        command.add(busybox.toString());
        command.addAll(args);
        return CommandRun.withInput(input.getBytes(StandardCharsets.UTF_8), command.toArray(String[]::new));
    }

    private static HostCommand.Result qemu(Path busybox, List<String> args, String input) throws Exception {
        Path qemu = RequiredTool.require("qemu-riscv64", "qemu-user");
        Path in = Files.createTempFile("hartlab-busybox-stdin", ".txt");
        try {
            Files.writeString(in, input);
            List<String> command = new ArrayList<>(List.of(qemu.toString(), busybox.toString()));
            command.addAll(args);
            return HostCommand.runForStdout(command, in, 2, TimeUnit.MINUTES);
        } finally {
            Files.deleteIfExists(in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void printsAndExitsAsUnderQemuUser(List<String> args, String input, String linuxOutput, int linuxStatus)
            throws Exception {
        Path busybox = DebianBusybox.path();
        HostCommand.Result reference = qemu(busybox, args, input);
        CommandRun r = hartlab(busybox, args, input);
        assertThat(reference.output()).as("qemu-riscv64's stdout").isEqualTo(linuxOutput);
        assertThat(reference.exitCode()).as("qemu-riscv64's exit status").isEqualTo(linuxStatus);
        assertThat(r.out()).as(r.err()).isEqualTo(reference.output());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(reference.exitCode());
    }

    /** A shell pipeline forks, pipes and execs the same on one hart and four, under both engines. */
    @ParameterizedTest(name = "{0} harts, {1}")
    @MethodSource("machines")
    void pipelineRunsOnEveryMachineShape(String harts, String engine) {
        Path busybox = DebianBusybox.path();
        CommandRun r = hartlab(busybox, List.of("sh", "-c", "seq 1 2000 | sha256sum | cut -c1-16; echo a | cat"),
                "", "--harts", harts, "--engine", engine);
        assertThat(r.out()).as(r.err()).isEqualTo("6251e5743b6fd6a7\na\n");
        assertThat(r.exitCode()).isZero();
    }

    private static Stream<Arguments> machines() {
        return Stream.of("1", "4").flatMap(harts -> Stream.of("deterministic", "parallel")
                .map(engine -> Arguments.of(harts, engine)));
    }

    /**
     * Without PATH the shell searches /sbin:/usr/sbin:/bin:/usr/bin; newfstatat and execve find the bundled
     * programs under /bin (hartlab-only: under qemu-riscv64 these are the host's files), and /dev/null opens.
     */
    @Test
    void shellFindsBundledProgramsOnItsDefaultPathAndOpensDevNull() {
        Path busybox = DebianBusybox.path();
        CommandRun r = hartlab(busybox, List.of("sh", "-c",
                "hello > /dev/null && echo found; echo x | glibc-pipes stdin; cat < /dev/null; nosuch; echo $?"), "");
        assertThat(r.out()).as(r.err()).isEqualTo("found\nstdin bytes=2 sum=3730 end=0\n127\n");
        assertThat(r.err()).contains("sh: nosuch: not found");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void stderrOfTheGuestIsTheRunsStderr() throws Exception {
        Path busybox = DebianBusybox.path();
        List<String> args = List.of("sh", "-c", "echo err >&2; echo out");
        HostCommand.Result reference = qemu(busybox, args, "");
        CommandRun r = hartlab(busybox, args, "");
        assertThat(reference.output()).isEqualTo("out\n");
        assertThat(r.out()).as(r.err()).isEqualTo("out\n");
        assertThat(r.err()).contains("\nerr\n");
        assertThat(r.exitCode()).isZero();
    }

    /**
     * date reads CLOCK_REALTIME: the boot epoch, 2026-01-01 00:00:00 UTC, on hartlab; the host's clock under
     * qemu-riscv64. So only the format is the same.
     */
    @Test
    void datePrintsTheBootEpochInTheFormatItHasUnderQemuUser() throws Exception {
        Path busybox = DebianBusybox.path();
        HostCommand.Result reference = qemu(busybox, List.of("date"), "");
        CommandRun r = hartlab(busybox, List.of("date"), "");
        String format = "[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9] [A-Z+0-9-]+"
                + " [0-9]{4}\n"; // the zone is the host's under qemu
        assertThat(reference.output()).matches(format);
        assertThat(r.out()).as(r.err()).matches(format).isEqualTo("Thu Jan  1 00:00:00 UTC 2026\n");
    }
}
