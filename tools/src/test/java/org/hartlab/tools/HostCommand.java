package org.hartlab.tools;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a host program with its output (stdout and stderr together) going to a file, so that waiting for it is
 * bounded: reading a pipe to its end first would block until the program closed it, and a timeout after that
 * could never fire. A program still running at the bound is killed and the test fails with what it printed.
 */
public final class HostCommand {
    private HostCommand() {
    }

    /** What a finished program printed, and its exit status. */
    public record Result(int exitCode, String output) {
    }

    public static Result run(List<String> command, long timeout, TimeUnit unit) throws IOException,
            InterruptedException {
        return run(command, Map.of(), timeout, unit);
    }

    /** As {@link #run(List, long, TimeUnit)}, with {@code environment} added to the inherited one. */
    public static Result run(List<String> command, Map<String, String> environment, long timeout, TimeUnit unit)
            throws IOException, InterruptedException {
        return run(command, environment, timeout, unit, true, NO_INPUT);
    }

    /** As {@link #run(List, long, TimeUnit)}, but the output is stdout alone (stderr is discarded). */
    public static Result runForStdout(List<String> command, long timeout, TimeUnit unit) throws IOException,
            InterruptedException {
        return run(command, Map.of(), timeout, unit, false, NO_INPUT);
    }

    /** As {@link #runForStdout(List, long, TimeUnit)}, with the file {@code input} as the program's stdin. */
    public static Result runForStdout(List<String> command, Path input, long timeout, TimeUnit unit)
            throws IOException, InterruptedException {
        return run(command, Map.of(), timeout, unit, false, input);
    }

    private static final Path NO_INPUT = Path.of("/dev/null");

    private static Result run(List<String> command, Map<String, String> environment, long timeout, TimeUnit unit,
                              boolean withStderr, Path input) throws IOException, InterruptedException {
        Path log = Files.createTempFile("hartlab-host-command", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(input.toFile()));
            if (withStderr) {
                builder.redirectErrorStream(true);
            } else {
                builder.redirectError(ProcessBuilder.Redirect.DISCARD);
            }
            builder.environment().putAll(environment);
            Process p = builder.start();
            boolean finished = p.waitFor(timeout, unit);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (!finished) {
                fail(String.join(" ", command) + " did not finish within " + timeout + " " + unit + ":\n" + output);
            }
            return new Result(p.exitValue(), output);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
