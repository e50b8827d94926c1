package org.hartlab.tools.gdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.debug.MachineDebugTarget;
import org.hartlab.core.elf.ElfReader;
import org.hartlab.core.fuzz.SeededFuzzer;
import org.junit.jupiter.api.Test;

/**
 * The GDB stub survives garbage: random bytes, truncated packets, packets beyond PacketSize, bad checksums and
 * well-formed packets with absurd arguments, fed through the whole pipeline (decoder, encoder, handler, commands)
 * to a real two-hart machine running guests/gdb/gdb-target.S. No exception reaches the handler's log, the
 * connection stays open, and everything sent back is {@code +}, {@code -} or a frame with a correct checksum and
 * escaped payload. The first input byte chooses the size of the pieces the stream arrives in (1 to 256 bytes).
 * Regression inputs: {@code src/test/resources/org/hartlab/tools/gdb/GdbStubFuzzTestInputs/}.
 */
class GdbStubFuzzTest {
    private static final byte[] ELF = load();
    /** Instructions per continue: enough for the guest to reach its exit, small enough to keep inputs fast. */
    private static final long RUN_LIMIT = 20_000;
    /** Far beyond what a few runs of {@link #RUN_LIMIT} take: a stream still being served then is a hang. */
    private static final Duration HANG = Duration.ofSeconds(5);

    private static byte[] load() {
        try (InputStream in = GdbStubFuzzTest.class.getResourceAsStream("/gdb/gdb-target.elf")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** In every build: 1_000 inputs mutated from the committed ones (see {@link SeededFuzzer}). */
    @Test
    void seededMutationsOfTheCommittedInputsKeepTheProperty() {
        SeededFuzzer fuzzer = new SeededFuzzer(GdbStubFuzzTest.class,
                "anyBytesGetWellFormedRepliesAndTheConnectionStays", 0x1000);
        assertThat(fuzzer.corpusSize()).as("committed regression inputs").isPositive();
        fuzzer.run(1_000, this::anyBytesGetWellFormedRepliesAndTheConnectionStays);
    }

    @FuzzTest(maxDuration = "5m")
    void anyBytesGetWellFormedRepliesAndTheConnectionStays(byte[] input) throws Exception {
        if (input.length == 0) {
            return;
        }
        Machine machine = new Machine(MachineConfig.defaults().withHarts(2).withRamMiB(1),
                ByteArrayOutputStream.nullOutputStream());
        machine.load(ElfReader.read("gdb-target.elf", ELF));
        MachineDebugTarget target = new MachineDebugTarget(machine, RUN_LIMIT);
        StringWriter log = new StringWriter();
        AtomicReference<SessionOutcome> outcome = new AtomicReference<>();
        EmbeddedChannel channel = new EmbeddedChannel(new RspFrameDecoder(), new RspFrameEncoder(),
                new RspCommandHandler(new GdbCommands(target, TargetDescription.riscv64()), target, Runnable::run,
                        outcome::set, new PrintWriter(log, true)));

        int piece = (input[0] & 0xFF) + 1;
        ByteArrayOutputStream replies = new ByteArrayOutputStream();
        assertTimeoutPreemptively(HANG, () -> {
            for (int at = 1; at < input.length; at += piece) {
                channel.writeInbound(Unpooled.wrappedBuffer(input, at, Math.min(piece, input.length - at)));
                channel.runPendingTasks();
                for (ByteBuf b; (b = channel.readOutbound()) != null; ) {
                    b.readBytes(replies, b.readableBytes());
                    b.release();
                }
            }
        }, "hang");

        assertThat(log.toString()).as("handler log").isEmpty();
        assertThat(channel.isOpen()).as("connection open").isTrue();
        assertWellFormed(replies.toByteArray());
        channel.finishAndReleaseAll();
    }

    /** Asserts that {@code out} is a sequence of '+', '-' and '$payload#cs' frames, each payload escaped. */
    private static void assertWellFormed(byte[] out) {
        int at = 0;
        while (at < out.length) {
            int b = out[at] & 0xFF;
            if (b == '+' || b == '-') {
                at++;
                continue;
            }
            assertThat((char) b).as("start of a reply at %d of %s", at, printable(out)).isEqualTo('$');
            int sum = 0;
            int end = at + 1;
            while (end < out.length && out[end] != '#') {
                int c = out[end] & 0xFF;
                assertThat(c).as("unescaped byte in a reply").isNotIn((int) '$', (int) '*');
                if (c == '}') {
                    assertThat(end + 1).as("escape at the end of a reply").isLessThan(out.length);
                    sum += c;
                    c = out[++end] & 0xFF;
                }
                sum += c;
                end++;
            }
            assertThat(end + 2).as("checksum of the reply at %d", at).isLessThan(out.length);
            String checksum = new String(out, end + 1, 2, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(checksum).as("checksum of %s", printable(Arrays.copyOfRange(out, at, end)))
                    .isEqualTo("%02x".formatted(sum & 0xFF));
            at = end + 3;
        }
    }

    private static String printable(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 120); i++) {
            int c = bytes[i] & 0xFF;
            s.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : "\\x%02x".formatted(c));
        }
        return s.toString();
    }
}
