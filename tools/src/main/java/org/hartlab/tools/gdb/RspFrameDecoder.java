package org.hartlab.tools.gdb;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Bytes from GDB to {@link RspMessage}s, as a state machine that keeps its place across reads, so a packet may
 * arrive in any number of pieces:
 * <pre>
 *   IDLE --'$'--> DATA --'#'--> SUM_HIGH --hex--> SUM_LOW --hex--> IDLE   (emits Packet or Corrupt)
 *                 DATA --'}'--> ESCAPED --byte--> DATA                    (the byte is xor 0x20)
 *   IDLE: '+' ACK, '-' NACK, 0x03 INTERRUPT, anything else is skipped
 * </pre>
 * The checksum is the sum mod 256 of the bytes between {@code $} and {@code #} as sent (escapes included). A
 * {@code $} inside a packet abandons the partial packet and starts a new one. Payloads longer than {@link
 * #MAX_PAYLOAD} are read to their end and reported as {@link RspMessage.Corrupt}.
 */
public final class RspFrameDecoder extends ByteToMessageDecoder {
    /** Far more than the PacketSize advertised in qSupported: GDB never sends more. */
    public static final int MAX_PAYLOAD = 64 * 1024;

    private enum State { IDLE, DATA, ESCAPED, SUM_HIGH, SUM_LOW }

    private State state = State.IDLE;
    private final StringBuilder payload = new StringBuilder();
    private int sum;
    private int expected;
    private boolean overlong;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            RspMessage message = accept(in.readUnsignedByte());
            if (message != null) {
                out.add(message);
            }
        }
    }

    /** Advances the state machine by one byte; returns a complete message or null. */
    private RspMessage accept(int b) {
        switch (state) {
            case IDLE -> {
                return switch (b) {
                    case '$' -> {
                        startPacket();
                        yield null;
                    }
                    case '+' -> RspMessage.Control.ACK;
                    case '-' -> RspMessage.Control.NACK;
                    case 0x03 -> RspMessage.Control.INTERRUPT;
                    default -> null; // line noise between packets
                };
            }
            case DATA -> {
                if (b == '#') {
                    state = State.SUM_HIGH;
                } else if (b == '$') {
                    startPacket();
                } else {
                    sum += b;
                    if (b == '}') {
                        state = State.ESCAPED;
                    } else {
                        append(b);
                    }
                }
                return null;
            }
            case ESCAPED -> {
                sum += b;
                append(b ^ 0x20);
                state = State.DATA;
                return null;
            }
            case SUM_HIGH -> {
                int d = hexDigit(b);
                if (d < 0) {
                    state = State.IDLE;
                    return new RspMessage.Corrupt("checksum digit '" + (char) b + "' is not hex");
                }
                expected = d << 4;
                state = State.SUM_LOW;
                return null;
            }
            case SUM_LOW -> {
                state = State.IDLE;
                int d = hexDigit(b);
                if (d < 0) {
                    return new RspMessage.Corrupt("checksum digit '" + (char) b + "' is not hex");
                }
                return finishPacket(expected | d);
            }
            default -> throw new IllegalStateException("decoder state " + state);
        }
    }

    private void startPacket() {
        payload.setLength(0);
        sum = 0;
        overlong = false;
        state = State.DATA;
    }

    private void append(int b) {
        if (payload.length() < MAX_PAYLOAD) {
            payload.append((char) b);
        } else {
            overlong = true;
        }
    }

    private RspMessage finishPacket(int checksum) {
        String data = payload.toString();
        payload.setLength(0);
        if (overlong) {
            return new RspMessage.Corrupt("packet longer than " + MAX_PAYLOAD + " bytes");
        }
        if ((sum & 0xff) != checksum) {
            return new RspMessage.Corrupt("checksum %02x, computed %02x".formatted(checksum, sum & 0xff));
        }
        return new RspMessage.Packet(data);
    }

    private static int hexDigit(int b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
