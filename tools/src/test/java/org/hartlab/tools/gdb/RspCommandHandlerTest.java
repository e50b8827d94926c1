package org.hartlab.tools.gdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The whole pipeline (decoder, encoder, handler) in an {@link EmbeddedChannel}, the target thread inlined. */
class RspCommandHandlerTest {
    private final FakeTarget target = new FakeTarget(2);
    private final AtomicReference<SessionOutcome> outcome = new AtomicReference<>();
    private final StringWriter log = new StringWriter();
    private final EmbeddedChannel channel = new EmbeddedChannel(new RspFrameDecoder(), new RspFrameEncoder(),
            new RspCommandHandler(new GdbCommands(target, TargetDescription.riscv64()), target, Runnable::run,
                    outcome::set, new PrintWriter(log, true)));

    /** Sends raw bytes and returns everything written back, as text. */
    private String send(String bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes.getBytes(StandardCharsets.ISO_8859_1)));
        channel.runPendingTasks();
        StringBuilder out = new StringBuilder();
        for (ByteBuf b; (b = channel.readOutbound()) != null; ) {
            out.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return out.toString();
    }

    private static String frame(String data) {
        int sum = 0;
        for (char c : data.toCharArray()) {
            sum += c;
        }
        return "$" + data + "#" + "%02x".formatted(sum & 0xff);
    }

    @Test
    void packetIsAcknowledgedThenAnswered() {
        assertThat(send(frame("?"))).isEqualTo("+" + frame("T05thread:1;"));
    }

    @Test
    void badChecksumGetsMinusAndNothingElseHappens() {
        assertThat(send("$Z0,80000004,4#00")).isEqualTo("-");
        assertThat(target.calls).isEmpty();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void malformedPacketGetsAnErrorAndTheConnectionStays() {
        assertThat(send(frame("m"))).isEqualTo("+" + frame("E01"));
        assertThat(send(frame("Hx1"))).isEqualTo("+" + frame(""));
        assertThat(channel.isOpen()).isTrue();
        assertThat(send(frame("qC"))).isEqualTo("+" + frame("QC1"));
    }

    @Test
    void minusResendsTheLastPacket() {
        send(frame("qC"));
        assertThat(send("-")).isEqualTo(frame("QC1"));
    }

    @Test
    void noAckModeStopsAcknowledgementsBothWays() {
        assertThat(send(frame("QStartNoAckMode"))).isEqualTo("+" + frame("OK"));
        assertThat(send("+" + frame("qC"))).isEqualTo(frame("QC1"));
        assertThat(send("$qC#00")).as("corrupt packets are dropped silently").isEmpty();
        assertThat(send("-")).as("no resends either").isEmpty();
    }

    @Test
    void interruptWhileNothingRunsIsIgnored() {
        assertThat(send("\u0003")).isEmpty();
        assertThat(target.interrupts.get()).isZero();
    }

    @Test
    void monitorOutputPrecedesOk() {
        assertThat(send(frame("qRcmd," + Hex.of("harts")))).isEqualTo(
                "+" + frame("O" + Hex.of("ran harts\n")) + frame("OK"));
    }

    @Test
    void killEndsTheSessionAndClosesTheConnection() {
        assertThat(send(frame("k"))).isEqualTo("+");
        assertThat(outcome.get()).isEqualTo(SessionOutcome.KILLED);
        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void packetsAfterTheEndAreNotServed() {
        send(frame("D"));
        assertThat(outcome.get()).isEqualTo(SessionOutcome.DETACHED);
        assertThat(send(frame("c"))).isEqualTo("+");
        assertThat(target.calls).doesNotContain("resume");
    }
}
