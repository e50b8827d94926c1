package org.hartlab.tools.gdb;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.hartlab.core.debug.DebugTarget;

/**
 * Serves one {@link DebugTarget} to GDB over TCP, one session at a time: a second connection while one is open
 * is told why ({@link #REFUSAL}, as the error reply to its first packet, which GDB prints) and closed (with a
 * line on the log); the open session does not notice. A session that drops leaves the machine halted for the next GDB.
 * The run ends with the first {@link SessionOutcome}: the guest exits, GDB detaches, or GDB kills it.
 *
 * <p>Threads: one Netty event loop for the sockets and one target thread on which every {@link DebugTarget} call
 * except {@link DebugTarget#interrupt} is made, in packet order.
 */
public final class GdbServer implements AutoCloseable {
    /** What a refused debugger is told. */
    static final String REFUSAL = "hartlab: another debugger is attached; one debugger at a time";

    private final DebugTarget target;
    private final PrintWriter log;
    private final GdbCommands commands;
    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService targetThread = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("hartlab-gdb-target").daemon().unstarted(r));
    private final AtomicReference<Channel> session = new AtomicReference<>();
    private final CompletableFuture<SessionOutcome> outcome = new CompletableFuture<>();
    private volatile SessionOutcome pendingOutcome;
    private Channel listener;

    public GdbServer(DebugTarget target, PrintWriter log) {
        this.target = target;
        this.log = log;
        this.commands = new GdbCommands(target, TargetDescription.riscv64());
    }

    /** Binds {@code host:port} (port 0: any free port) and returns the address actually bound. */
    public InetSocketAddress start(String host, int port) throws IOException {
        ServerBootstrap bootstrap = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accept(ch);
                    }
                });
        ChannelFuture bound = bootstrap.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            close();
            Throwable cause = bound.cause();
            throw new IOException("cannot listen on " + host + ":" + port + ": "
                    + (cause.getMessage() != null ? cause.getMessage() : cause.toString()), cause);
        }
        listener = bound.channel();
        return (InetSocketAddress) listener.localAddress();
    }

    private void accept(SocketChannel ch) {
        if (outcome.isDone() || pendingOutcome != null || !session.compareAndSet(null, ch)) {
            log.println("hartlab gdb: refused a connection from " + ch.remoteAddress()
                    + ": one debugger at a time");
            log.flush();
            ch.pipeline().addLast(new RspFrameDecoder(), new RspFrameEncoder(), new RefusalHandler(REFUSAL));
            return;
        }
        log.println("hartlab gdb: debugger connected from " + ch.remoteAddress());
        log.flush();
        ch.pipeline().addLast(new RspFrameDecoder(), new RspFrameEncoder(),
                new RspCommandHandler(commands, target, targetThread, o -> pendingOutcome = o, log));
        // On the target thread, after every packet that came before the hang-up: GDB sends k and closes at once,
        // and the kill must be known before the hang-up is taken for a dropped connection.
        ch.closeFuture().addListener(f -> {
            try {
                targetThread.execute(() -> sessionClosed(ch));
            } catch (RejectedExecutionException e) {
                session.compareAndSet(ch, null); // the server is closing: no outcome comes any more
            }
        });
    }

    private void sessionClosed(Channel ch) {
        session.compareAndSet(ch, null);
        SessionOutcome o = pendingOutcome;
        if (o != null) {
            outcome.complete(o);
        } else {
            log.println("hartlab gdb: debugger disconnected; the machine stays halted, waiting for the next one");
            log.flush();
        }
    }

    /** How the run ends, once a session ends it (guest exit, detach, kill); for callers that must not block. */
    public CompletableFuture<SessionOutcome> outcome() {
        return outcome.copy();
    }

    /** Blocks until a session ends the run (guest exit, detach, kill). */
    public SessionOutcome awaitOutcome() throws InterruptedException {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("gdb server: " + e.getCause(), e.getCause());
        }
    }

    /** Stops listening, closes any session and ends both threads. */
    @Override
    public void close() {
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        Channel s = session.get();
        if (s != null) {
            s.close().awaitUninterruptibly();
        }
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        target.interrupt(); // a resume still running (closing without an outcome) returns
        targetThread.shutdownNow();
        try {
            targetThread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
