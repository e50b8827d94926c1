package org.hartlab.tools.gdb;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.hartlab.core.debug.DebugTarget;

/**
 * One GDB connection. On the event loop it acknowledges packets ({@code +}, or {@code -} for a corrupt one and
 * nothing more), resends the last packet on {@code -}, and turns 0x03 into {@link DebugTarget#interrupt}; every
 * packet is then interpreted by {@link GdbCommands} on the single target thread, so a running machine never
 * blocks the event loop and the target sees one caller. After {@code QStartNoAckMode} neither side acknowledges.
 *
 * <p>An interrupt is repeated every few milliseconds until the running command returns, so that GDB is never
 * left waiting for a stop reply whatever the timing of its 0x03 against the start of the run.
 */
public final class RspCommandHandler extends SimpleChannelInboundHandler<RspMessage> {
    private static final long INTERRUPT_REPEAT_MS = 5;
    /** How long a finished session waits for GDB to hang up before closing the connection itself. */
    private static final long CLOSE_GRACE_MS = 500;

    private final GdbCommands commands;
    private final DebugTarget target;
    private final Executor targetThread;
    private final Consumer<SessionOutcome> onOutcome;
    private final PrintWriter log;

    // guarded by the event loop
    private RspMessage.Packet lastSent;
    private ScheduledFuture<?> interrupter;
    // written by the target thread, read by the event loop
    private volatile boolean noAck;
    private volatile boolean finished;
    /** Resuming packets received and not yet answered: while above zero, 0x03 must stop the machine. */
    private final AtomicInteger running = new AtomicInteger();

    /**
     * @param targetThread runs {@link GdbCommands#handle} one packet at a time
     * @param onOutcome    called (on the target thread) when a packet ends the run (exit, detach, kill), before
     *                     its reply is sent
     */
    public RspCommandHandler(GdbCommands commands, DebugTarget target, Executor targetThread,
            Consumer<SessionOutcome> onOutcome, PrintWriter log) {
        this.commands = commands;
        this.target = target;
        this.targetThread = targetThread;
        this.onOutcome = onOutcome;
        this.log = log;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        targetThread.execute(commands::newSession);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RspMessage message) {
        switch (message) {
            case RspMessage.Packet p -> {
                if (!noAck) {
                    ctx.writeAndFlush(RspMessage.Control.ACK);
                }
                if (finished) {
                    return;
                }
                if (GdbCommands.resumes(p.data())) {
                    running.incrementAndGet();
                }
                targetThread.execute(() -> serve(ctx, p.data()));
            }
            case RspMessage.Corrupt c -> {
                if (!noAck) {
                    ctx.writeAndFlush(RspMessage.Control.NACK);
                }
            }
            case RspMessage.Control c -> {
                switch (c) {
                    case ACK -> {
                    }
                    case NACK -> {
                        if (lastSent != null && !noAck) {
                            ctx.writeAndFlush(lastSent);
                        }
                    }
                    case INTERRUPT -> interrupt(ctx);
                }
            }
        }
    }

    private void interrupt(ChannelHandlerContext ctx) {
        if (running.get() == 0 || interrupter != null) {
            return; // nothing runs: GDB's interrupt crossed our stop reply
        }
        target.interrupt();
        interruptUntilStopped(ctx);
    }

    private void interruptUntilStopped(ChannelHandlerContext ctx) {
        interrupter = ctx.executor().scheduleAtFixedRate(() -> {
            if (running.get() > 0) {
                target.interrupt();
            }
        }, INTERRUPT_REPEAT_MS, INTERRUPT_REPEAT_MS, TimeUnit.MILLISECONDS);
    }

    /** On the target thread: interprets one packet and sends the replies. */
    private void serve(ChannelHandlerContext ctx, String packet) {
        GdbCommands.Response response;
        try {
            response = commands.handle(packet);
        } catch (RuntimeException e) {
            log.println("hartlab gdb: internal error on packet '" + printable(packet) + "': " + e);
            log.flush();
            response = GdbCommands.Response.of("E01");
        }
        if (response.outcome() != null) {
            // before the last reply leaves: GDB hangs up as soon as it reads W or OK, and the server must
            // by then know that the run is over rather than take it for a dropped connection
            finished = true;
            onOutcome.accept(response.outcome());
        }
        if (packet.equals("QStartNoAckMode") && response.packets().equals(List.of("OK"))) {
            noAck = true; // GDB still acknowledges this very reply; that '+' is ignored
        }
        try {
            if (GdbCommands.resumes(packet) && running.decrementAndGet() == 0) {
                ctx.executor().execute(this::stopInterrupting);
            }
            for (String reply : response.packets()) {
                send(ctx, reply);
            }
            ctx.flush();
            if (response.outcome() != null) {
                ctx.executor().schedule(() -> ctx.close(), CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException e) {
            // the server is shutting down: nobody is left to reply to
        }
    }

    private void send(ChannelHandlerContext ctx, String reply) {
        RspMessage.Packet packet = new RspMessage.Packet(reply);
        ctx.executor().execute(() -> lastSent = packet);
        // A reply GDB is no longer there for (it died mid-continue: the stop reply comes after the hang-up) is
        // dropped: the disconnect is logged already, and a failure fired down the pipeline would reach Netty's
        // tail handler, which warns with a stack trace.
        ctx.write(packet).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess() && f.channel().isActive()) {
                exceptionCaught(ctx, f.cause());
            }
        });
    }

    /**
     * The run returned: no more repeats, and the last one, which may have come after the run's end, is withdrawn.
     * This runs on the event loop before the stop reply is written, so before GDB can resume again.
     */
    private void stopInterrupting() {
        if (interrupter != null) {
            interrupter.cancel(false);
            interrupter = null;
            target.cancelInterrupt();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (running.get() > 0 && interrupter == null) {
            // GDB hung up while the machine runs: stop it, so the next GDB finds it halted
            target.interrupt();
            interruptUntilStopped(ctx);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.channel().isActive()) { // else GDB hung up, and the disconnect says so
            log.println("hartlab gdb: connection error: "
                    + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()));
            log.flush();
        }
        ctx.close();
    }

    private static String printable(String packet) {
        String cut = packet.length() > 60 ? packet.substring(0, 60) + "..." : packet;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
