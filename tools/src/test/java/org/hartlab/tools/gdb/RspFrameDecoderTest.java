package org.hartlab.tools.gdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frame decoder alone, fed bytes through an {@link EmbeddedChannel}. */
class RspFrameDecoderTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new RspFrameDecoder());

    private List<RspMessage> feed(String... pieces) {
        for (String piece : pieces) {
            channel.writeInbound(Unpooled.wrappedBuffer(piece.getBytes(StandardCharsets.ISO_8859_1)));
        }
        List<RspMessage> out = new ArrayList<>();
        for (Object m; (m = channel.readInbound()) != null; ) {
            out.add((RspMessage) m);
        }
        return out;
    }

    private static RspMessage packet(String data) {
        return new RspMessage.Packet(data);
    }

    @Test
    void packetWithGoodChecksumIsDecoded() {
        assertThat(feed("$qSupported#37")).containsExactly(packet("qSupported"));
    }

    @Test
    void checksumDigitsMayBeUpperCase() {
        assertThat(feed("$g#67", "$qC#B4")).containsExactly(packet("g"), packet("qC"));
    }

    @Test
    void emptyPacketIsDecoded() {
        assertThat(feed("$#00")).containsExactly(packet(""));
    }

    @Test
    void packetSplitAtEveryByteIsReassembled() {
        String frame = "$m80000000,4#55";
        List<RspMessage> out = new ArrayList<>();
        for (char c : frame.toCharArray()) {
            out.addAll(feed(String.valueOf(c)));
        }
        assertThat(out).containsExactly(packet("m80000000,4"));
    }

    @Test
    void twoPacketsAndAcksInOneReadAreAllDecoded() {
        assertThat(feed("+$g#67+$?#3f-")).containsExactly(RspMessage.Control.ACK, packet("g"), RspMessage.Control.ACK,
                packet("?"), RspMessage.Control.NACK);
    }

    @Test
    void badChecksumIsReportedCorrupt() {
        assertThat(feed("$g#68")).singleElement().isInstanceOf(RspMessage.Corrupt.class);
    }

    @Test
    void nonHexChecksumIsReportedCorrupt() {
        assertThat(feed("$g#6z")).singleElement().isInstanceOf(RspMessage.Corrupt.class);
        assertThat(feed("$g#z7")).singleElement().isInstanceOf(RspMessage.Corrupt.class);
    }

    @Test
    void decoderRecoversAfterACorruptPacket() {
        assertThat(feed("$g#00$g#67")).containsExactly(new RspMessage.Corrupt("checksum 00, computed 67"), packet("g"));
    }

    @Test
    void escapedBytesAreRestoredAndCountedAsSentInTheChecksum() {
        // X packet carrying 0x23 '#', 0x24 '$', 0x7d '}', 0x2a '*' escaped as '}' + (byte ^ 0x20)
        String data = "X0,4:}\u0003}\u0004}]}\n";
        int sum = 0;
        for (char c : data.toCharArray()) {
            sum += c;
        }
        String frame = "$" + data + "#" + "%02x".formatted(sum & 0xff);
        assertThat(feed(frame)).containsExactly(packet("X0,4:#$}*"));
    }

    @Test
    void escapeSplitAcrossReadsIsRestored() {
        String data = "X0,1:}]";
        int sum = 0;
        for (char c : data.toCharArray()) {
            sum += c;
        }
        assertThat(feed("$X0,1:}", "]#", "%02x".formatted(sum & 0xff))).containsExactly(packet("X0,1:}"));
    }

    @Test
    void rawInterruptBetweenPacketsIsAnInterrupt() {
        assertThat(feed("\u0003")).containsExactly(RspMessage.Control.INTERRUPT);
        assertThat(feed("$c#63\u0003")).containsExactly(packet("c"), RspMessage.Control.INTERRUPT);
    }

    @Test
    void interruptByteInsideAPacketIsData() {
        String data = "X0,1:\u0003";
        int sum = 0;
        for (char c : data.toCharArray()) {
            sum += c;
        }
        assertThat(feed("$" + data + "#" + "%02x".formatted(sum & 0xff))).containsExactly(packet(data));
    }

    @Test
    void garbageBetweenPacketsIsSkipped() {
        assertThat(feed("hello\r\n\u0000\u00ff$g#67 junk")).containsExactly(packet("g"));
    }

    @Test
    void dollarInsideAPacketStartsANewOne() {
        assertThat(feed("$m8000$g#67")).containsExactly(packet("g"));
    }

    @Test
    void overlongPacketIsReportedCorruptAndTheNextOneStillDecodes() {
        String big = "x".repeat(RspFrameDecoder.MAX_PAYLOAD + 10);
        List<RspMessage> out = feed("$" + big + "#00", "$g#67");
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isInstanceOf(RspMessage.Corrupt.class);
        assertThat(((RspMessage.Corrupt) out.get(0)).reason()).contains("longer than");
        assertThat(out.get(1)).isEqualTo(packet("g"));
    }
}
