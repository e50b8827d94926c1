package org.hartlab.tools.gdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The frame encoder alone, and a round trip through encoder and decoder. */
class RspFrameEncoderTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new RspFrameEncoder());

    private String encode(RspMessage message) {
        channel.writeOutbound(message);
        ByteBuf buf = channel.readOutbound();
        try {
            return buf.toString(StandardCharsets.ISO_8859_1);
        } finally {
            buf.release();
        }
    }

    @Test
    void packetGetsDollarHashAndTwoDigitChecksum() {
        assertThat(encode(RspMessage.Packet.of("OK"))).isEqualTo("$OK#9a");
        assertThat(encode(RspMessage.Packet.of(""))).isEqualTo("$#00");
    }

    @Test
    void specialBytesAreEscapedAndTheChecksumCoversTheEscapes() {
        String wire = encode(RspMessage.Packet.of("a#b$c}d*e"));
        assertThat(wire).startsWith("$a}\u0003b}\u0004c}]d}\ne#");
        int sum = 0;
        for (char c : wire.substring(1, wire.lastIndexOf('#')).toCharArray()) {
            sum += c;
        }
        assertThat(wire).endsWith("%02x".formatted(sum & 0xff));
    }

    @Test
    void controlsAreSingleBytes() {
        assertThat(encode(RspMessage.Control.ACK)).isEqualTo("+");
        assertThat(encode(RspMessage.Control.NACK)).isEqualTo("-");
        assertThat(encode(RspMessage.Control.INTERRUPT)).isEqualTo("\u0003");
    }

    @Test
    void corruptMessagesCannotBeSent() {
        assertThatThrownBy(() -> channel.writeOutbound(new RspMessage.Corrupt("x"))).hasMessageContaining("corrupt");
    }

    @Test
    void everyByteValueSurvivesARoundTrip() {
        StringBuilder all = new StringBuilder();
        for (int b = 0; b < 256; b++) {
            all.append((char) b);
        }
        EmbeddedChannel loop = new EmbeddedChannel(new RspFrameDecoder());
        channel.writeOutbound(RspMessage.Packet.of(all.toString()));
        ByteBuf wire = channel.readOutbound();
        loop.writeInbound(wire);
        assertThat((Object) loop.readInbound()).isEqualTo(RspMessage.Packet.of(all.toString()));
    }
}
