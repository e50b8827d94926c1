package org.hartlab.tools.gdb;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.concurrent.TimeUnit;

/**
 * A connection the server turns away. GDB reads nothing before the reply to its first packet
 * ({@code qSupported}), so the reason goes there, as an {@code E.text} error reply, which GDB prints
 * ({@code warning: Remote failure reply: E.hartlab: ...}); then the connection closes. A client that sends
 * nothing is closed after a while.
 */
final class RefusalHandler extends SimpleChannelInboundHandler<RspMessage> {
    private static final long IDLE_CLOSE_MS = 2_000;

    private final String reason;

    /** @param reason one line, without a newline */
    RefusalHandler(String reason) {
        this.reason = reason;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.executor().schedule(() -> ctx.close(), IDLE_CLOSE_MS, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RspMessage message) {
        if (message instanceof RspMessage.Packet) {
            ctx.write(RspMessage.Control.ACK);
            ctx.writeAndFlush(RspMessage.Packet.of("E." + reason)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a refused client that resets the connection: nothing to tell anyone
    }
}
