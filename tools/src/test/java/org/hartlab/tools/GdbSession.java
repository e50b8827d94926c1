package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hartlab.tools.gdb.RspClient;

/**
 * {@code hartlab bare --gdb PORT} running in-process on a thread of its own, on a port that was free a moment
 * ago, for tests that attach a debugger to it. {@link #close} makes sure the run ends: if it has not, a raw
 * client kills it.
 */
final class GdbSession implements AutoCloseable {
    static final Path ELF = Path.of("src/test/resources/gdb/gdb-target.elf").toAbsolutePath();

    final int port;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("hartlab-bare-under-test").daemon().unstarted(r));
    private final Future<CommandRun> run;

    GdbSession(String... extraArgs) throws IOException {
        this(port -> {
            List<String> args = new ArrayList<>(List.of("bare", "--gdb", Integer.toString(port)));
            args.addAll(List.of(extraArgs));
            args.add(ELF.toString());
            return args;
        });
    }

    private GdbSession(java.util.function.IntFunction<List<String>> argsForPort) throws IOException {
        port = freePort();
        List<String> args = argsForPort.apply(port);
        run = thread.submit(() -> CommandRun.of(args.toArray(String[]::new)));
    }

    /** {@code hartlab run --gdb PORT OPTIONS_AND_PROGRAM...}: the hosted kernel under the debugger. */
    static GdbSession kernel(String... optionsAndProgram) throws IOException {
        return new GdbSession(port -> {
            List<String> args = new ArrayList<>(List.of("run", "--gdb", Integer.toString(port)));
            args.addAll(List.of(optionsAndProgram));
            return args;
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** A raw protocol client, retrying while the server is not listening yet. */
    RspClient connect() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return new RspClient(address());
            } catch (ConnectException e) {
                if (System.nanoTime() > deadline || run.isDone()) {
                    fail("hartlab never listened on " + port + (run.isDone() ? ": " + run.get().err() : ""));
                }
                Thread.sleep(50);
            }
        }
    }

    /** Waits for the command to return. */
    CommandRun result() throws Exception {
        try {
            return run.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return fail("hartlab --gdb did not end within 30 s");
        }
    }

    @Override
    public void close() throws Exception {
        if (!run.isDone()) {
            try (RspClient client = new RspClient(address())) {
                client.kill();
            } catch (IOException ignored) {
                // nothing listens any more: the run is ending anyway
            }
        }
        try {
            run.get(30, TimeUnit.SECONDS);
        } finally {
            thread.shutdownNow();
        }
        assertThat(run.isDone()).isTrue();
    }
}
