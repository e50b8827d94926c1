package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * {@code hartlab run}: the hosted kernel runs each bundled program to its expected output, with the kernel's
 * invariants checked during and after every run (a violation would make the exit code nonzero).
 */
class KernelRunTest {
    private static Stream<Arguments> machines() {
        return Stream.of(
                Arguments.of("1", "deterministic"), Arguments.of("2", "deterministic"),
                Arguments.of("4", "deterministic"), Arguments.of("1", "parallel"), Arguments.of("2", "parallel"),
                Arguments.of("4", "parallel"));
    }

    private static CommandRun run(String harts, String engine, String... program) {
        String[] args = Stream.concat(Stream.of("run", "--check-invariants", "--harts", harts, "--engine", engine,
                "--max-instructions", "2000000000"), Stream.of(program)).toArray(String[]::new);
        return CommandRun.of(args);
    }

    @ParameterizedTest(name = "{0} harts, {1}")
    @MethodSource("machines")
    void helloPrintsItsGreeting(String harts, String engine) {
        CommandRun r = run(harts, engine, "hello");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("hello from hartlab\n");
    }

    @ParameterizedTest(name = "{0} harts, {1}")
    @MethodSource("machines")
    void argsSeesItsArgumentsEnvironmentAndAuxiliaryVector(String harts, String engine) {
        CommandRun r = run(harts, engine, "args", "one", "two");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("argc=3", "argv[1]=one", "argv[2]=two", "envp[0]=HARTLAB_SEED=1",
                "AT_PAGESZ=4096", "AT_PHDR=0x10040");
    }

    @ParameterizedTest(name = "{0} harts, {1}")
    @MethodSource("machines")
    void heapGrowsShrinksAndRegrowsZeroed(String harts, String engine) {
        CommandRun r = run(harts, engine, "brk-test");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("brk ok");
    }

    @ParameterizedTest(name = "{0} harts, {1}")
    @MethodSource("machines")
    void anonymousMmapIsUsableAndUnmapped(String harts, String engine) {
        CommandRun r = run(harts, engine, "mmap-test");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("mmap ok");
    }

    @ParameterizedTest(name = "{0} harts, {1}")
    @MethodSource("machines")
    void forkGivesTheChildItsOwnCopyAndWaitCollectsItsStatus(String harts, String engine) {
        CommandRun r = run(harts, engine, "fork-test");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("fork ok");
    }

    @ParameterizedTest(name = "{0} harts, {1}")
    @MethodSource("machines")
    void threadsShareMemoryAndJoin(String harts, String engine) {
        CommandRun r = run(harts, engine, "threads-test");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("counter=30000");
    }

    @ParameterizedTest(name = "{0} harts, {1}")
    @MethodSource("machines")
    void lessCommonSyscallsBehaveAsOnLinux(String harts, String engine) {
        CommandRun r = run(harts, engine, "syscalls-test");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("writev ok", "syscalls ok").containsPattern("pid \\d+ \\(syscalls-test\\): segmentation fault");
    }

    @ParameterizedTest(name = "{0} harts, {1}")
    @MethodSource("machines")
    void forkTreeCountsItsLeavesThroughExitCodes(String harts, String engine) {
        CommandRun r = run(harts, engine, "fork-tree");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("leaves=27 expected=27");
    }

    @ParameterizedTest(name = "{0} harts, {1}")
    @MethodSource("machines")
    void threadsSumWithAtomicsAndAFutexMutex(String harts, String engine) {
        CommandRun r = run(harts, engine, "threads");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("atomic=20000 mutex=20000 expected=20000");
    }

    @ParameterizedTest(name = "{0} harts, {1}")
    @MethodSource("machines")
    void mappingChurnAcrossThreadsKeepsEveryPageIntact(String harts, String engine) {
        CommandRun r = run(harts, engine, "mmap-stress");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("mmap-stress ok rounds=200");
    }

    /** Each thread's f registers, rounding mode and flags survive every switch, clone and fork. */
    @ParameterizedTest(name = "{0} harts, {1}")
    @MethodSource("machines")
    void floatingPointStateIsEachThreadsOwn(String harts, String engine) {
        CommandRun r = run(harts, engine, "fp-threads");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).isEqualTo("fp-threads ok threads=6\n");
    }

    @ParameterizedTest(name = "{0} harts, {1}")
    @MethodSource("machines")
    void pingpongHandsATokenThroughAFutex(String harts, String engine) {
        CommandRun r = run(harts, engine, "pingpong");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("pingpong rounds=500");
    }

    @Test
    void sameSeedGivesTheSameOutputTwice() {
        CommandRun first = CommandRun.of("run", "--seed", "5", "args");
        CommandRun second = CommandRun.of("run", "--seed", "5", "args");
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(CommandRun.of("run", "--seed", "6", "args").out()).isNotEqualTo(first.out()); // AT_RANDOM
    }

    @Test
    void missingProgramIsAUsageError() {
        CommandRun r = CommandRun.of("run", "/nonexistent/prog.elf");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no such file").doesNotContain("\tat ");
    }

    @Test
    void machineModeCodeRunInUserModeIsKilledWithAMessage() {
        CommandRun r = CommandRun.of("run", TestPaths.ISA_ELFS.resolve("rv64i-alu.elf").toString());
        assertThat(r.exitCode()).as("128 + SIGILL").isEqualTo(132);
        assertThat(r.out()).containsPattern("pid 1 \\(rv64i-alu\\): illegal instruction at 0x[0-9a-f]+, pc 0x8000[0-9a-f]+: killed");
    }

    @Test
    void unknownStrategyIsAUsageError() {
        CommandRun r = CommandRun.of("run", "--strategy", "optimistic", "hello");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("strategy must be naive, two-stage, two-stage-mt or bbm");
    }
}
