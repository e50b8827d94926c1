package org.hartlab.tools.gdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hartlab.core.fuzz.SeededFuzzer;
import org.junit.jupiter.api.Test;

/**
 * The frame decoder on any bytes: it never throws, never closes the channel, emits only packets no longer than
 * {@link RspFrameDecoder#MAX_PAYLOAD}, corrupt-packet reports and controls, and emits the same messages whether
 * the bytes come in one read or in many. The first input byte chooses the size of the pieces (1 to 256 bytes);
 * the rest is the stream. Regression inputs: {@code
 * src/test/resources/org/hartlab/tools/gdb/RspFrameDecoderFuzzTestInputs/}.
 */
class RspFrameDecoderFuzzTest {
    /** In every build: 10_000 inputs mutated from the committed ones (see {@link SeededFuzzer}). */
    @Test
    void seededMutationsOfTheCommittedInputsKeepTheProperty() {
        SeededFuzzer fuzzer = new SeededFuzzer(RspFrameDecoderFuzzTest.class, "anyBytesInAnyPiecesDecodeAsInOneRead",
                0x1000);
        assertThat(fuzzer.corpusSize()).as("committed regression inputs").isPositive();
        fuzzer.run(10_000, this::anyBytesInAnyPiecesDecodeAsInOneRead);
    }

    @FuzzTest(maxDuration = "5m")
    void anyBytesInAnyPiecesDecodeAsInOneRead(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int piece = (input[0] & 0xFF) + 1;
        byte[] stream = Arrays.copyOfRange(input, 1, input.length);

        EmbeddedChannel whole = new EmbeddedChannel(new RspFrameDecoder());
        whole.writeInbound(Unpooled.wrappedBuffer(stream));
        EmbeddedChannel pieces = new EmbeddedChannel(new RspFrameDecoder());
        for (int at = 0; at < stream.length; at += piece) {
            pieces.writeInbound(Unpooled.wrappedBuffer(stream, at, Math.min(piece, stream.length - at)));
        }

        List<RspMessage> messages = drain(whole);
        assertThat(drain(pieces)).isEqualTo(messages);
        assertThat(messages).allSatisfy(m -> {
            if (m instanceof RspMessage.Packet p) {
                assertThat(p.data().length()).isLessThanOrEqualTo(RspFrameDecoder.MAX_PAYLOAD);
            }
        });
        assertThat(whole.isOpen()).isTrue();
        assertThat(pieces.isOpen()).isTrue();
        whole.finishAndReleaseAll();
        pieces.finishAndReleaseAll();
    }

    private static List<RspMessage> drain(EmbeddedChannel channel) {
        List<RspMessage> out = new ArrayList<>();
        for (Object m; (m = channel.readInbound()) != null; ) {
            out.add((RspMessage) m);
        }
        return out;
    }
}
