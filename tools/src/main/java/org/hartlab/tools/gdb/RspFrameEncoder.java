package org.hartlab.tools.gdb;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * {@link RspMessage}s to bytes: a packet becomes {@code $payload#cs} with each of {@code $}, {@code #}, 0x7d and
 * {@code *} sent as 0x7d followed by the byte xor 0x20 ({@code *} too, or GDB would read it as run-length
 * encoding); controls become {@code +}, {@code -} or 0x03.
 */
public final class RspFrameEncoder extends MessageToByteEncoder<RspMessage> {
    public RspFrameEncoder() {
        super(RspMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RspMessage message, ByteBuf out) {
        switch (message) {
            case RspMessage.Packet p -> writePacket(p.data(), out);
            case RspMessage.Control c -> out.writeByte(switch (c) {
                case ACK -> '+';
                case NACK -> '-';
                case INTERRUPT -> 0x03;
            });
            case RspMessage.Corrupt c -> throw new IllegalArgumentException("cannot send a corrupt packet: " + c.reason());
        }
    }

    static void writePacket(String data, ByteBuf out) {
        out.writeByte('$');
        int sum = 0;
        for (int i = 0; i < data.length(); i++) {
            int b = data.charAt(i) & 0xff;
            if (b == '$' || b == '#' || b == '}' || b == '*') {
                out.writeByte('}');
                sum += '}';
                b ^= 0x20;
            }
            out.writeByte(b);
            sum += b;
        }
        out.writeByte('#');
        out.writeByte(Character.forDigit((sum >> 4) & 0xf, 16));
        out.writeByte(Character.forDigit(sum & 0xf, 16));
    }
}
