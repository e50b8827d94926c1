package org.hartlab.tools.gdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server over real loopback sockets with a fake target: sessions, interrupts, outcomes. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GdbServerTest {
    private final FakeTarget target = new FakeTarget(2);
    private final StringWriter log = new StringWriter();
    private GdbServer server;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws IOException {
        server = new GdbServer(target, new PrintWriter(log, true));
        address = server.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void boundToLoopbackOnAnAnnouncedPort() {
        assertThat(address.getAddress().isLoopbackAddress()).isTrue();
        assertThat(address.getPort()).isPositive();
    }

    /** GDB's kill: it sends k and hangs up at once, while the target thread may still serve earlier packets. */
    @Test
    void aKillFollowedAtOnceByTheHangUpStillEndsTheRunKilled() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        target.memoryGate = gate;
        try (RspClient gdb = new RspClient(address)) {
            gdb.sendAcked("m" + Long.toHexString(FakeTarget.BASE) + ",4");
            gdb.kill();
        }
        Thread.sleep(200); // let the hang-up reach the server first (the outcome does not depend on it)
        gate.countDown();
        assertThat(server.awaitOutcome()).isEqualTo(SessionOutcome.KILLED);
        assertThat(log.toString()).doesNotContain("debugger disconnected");
    }

    @Test
    void secondConnectionIsClosedWhileTheFirstStaysUsable() throws IOException {
        try (RspClient first = new RspClient(address)) {
            assertThat(first.ask("?")).isEqualTo("T05thread:1;");
            try (RspClient second = new RspClient(address)) {
                assertThat(second.ask("qSupported:multiprocess+")).as("the error reply to its first packet")
                        .isEqualTo("E.hartlab: another debugger is attached; one debugger at a time");
                assertThat(second.closedByServer()).isTrue();
            }
            assertThat(first.ask("qC")).isEqualTo("QC1");
        }
        assertThat(log.toString()).contains("one debugger at a time");
    }

    @Test
    void manyConnectionsAtOnceAreAllRefusedAndTheSessionGoesOn() throws Exception {
        try (RspClient first = new RspClient(address)) {
            assertThat(first.ask("?")).isEqualTo("T05thread:1;");
            List<RspClient> others = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    others.add(new RspClient(address));
                }
                for (RspClient other : others) {
                    assertThat(other.closedByServer()).isTrue();
                }
            } finally {
                for (RspClient other : others) {
                    other.close();
                }
            }
            assertThat(first.ask("qC")).isEqualTo("QC1");
        }
    }

    @Test
    void packetFarBeyondPacketSizeIsRefusedAndTheSessionGoesOn() throws Exception {
        try (RspClient gdb = new RspClient(address)) {
            String before = gdb.ask("m80000000,4");
            gdb.send("M80000000,100000:" + "ff".repeat(1 << 20)); // 2 MiB of payload, PacketSize is 16 KiB
            assertThat(gdb.ask("m80000000,4")).as("not written, and still served").isEqualTo(before);
        }
    }

    @Test
    void truncatedPacketAndDroppedConnectionLeaveTheServerForTheNextDebugger() throws Exception {
        try (RspClient gdb = new RspClient(address)) {
            gdb.sendRaw("$qSupported:multiprocess+;swbre"); // and the connection drops mid-packet
        }
        try (RspClient next = RspClient.nextSession(address)) {
            assertThat(next.ask("qC")).isEqualTo("QC1");
        }
    }


    @Test
    void interruptStopsARunningMachine() throws Exception {
        try (RspClient gdb = new RspClient(address)) {
            gdb.send("vCont;c");
            assertThat(target.running.await(10, TimeUnit.SECONDS)).isTrue();
            gdb.sendRaw("\u0003");
            assertThat(gdb.receive()).isEqualTo("T02thread:2;");
            assertThat(target.interrupts.get()).isPositive();
        }
    }

    /** The stub repeats its interrupt until the resume returns: a repeat that crosses the return is withdrawn. */
    @Test
    void anInterruptRepeatedWhileTheRunEndsDoesNotStopTheNextOne() throws Exception {
        target.returnAfterARepeat = true;
        try (RspClient gdb = new RspClient(address)) {
            gdb.send("vCont;c");
            assertThat(target.running.await(10, TimeUnit.SECONDS)).isTrue();
            gdb.sendRaw("\u0003");
            assertThat(gdb.receive()).isEqualTo("T02thread:2;");
            assertThat(target.interrupts.get()).as("repeated while the run ended").isGreaterThan(1);
            assertThat(target.interruptPending()).as("a stop left for the next continue").isFalse();
        }
    }

    @Test
    void killEndsTheRun() throws Exception {
        try (RspClient gdb = new RspClient(address)) {
            gdb.kill();
            assertThat(server.awaitOutcome()).isEqualTo(SessionOutcome.KILLED);
            assertThat(gdb.closedByServer()).isTrue();
        }
    }

    @Test
    void detachEndsTheRunAfterOk() throws Exception {
        try (RspClient gdb = new RspClient(address)) {
            assertThat(gdb.ask("D")).isEqualTo("OK");
            assertThat(server.awaitOutcome()).isEqualTo(SessionOutcome.DETACHED);
        }
    }

    @Test
    void droppedConnectionLeavesTheMachineForTheNextDebugger() throws Exception {
        try (RspClient first = new RspClient(address)) {
            assertThat(first.ask("Z0,80000004,4")).isEqualTo("OK");
        }
        RspClient.nextSession(address).close();
        assertThat(target.calls).contains("unbreak 80000004");
    }

    @Test
    void portInUseIsAnIoErrorNamingTheAddress() {
        GdbServer other = new GdbServer(target, new PrintWriter(log, true));
        assertThatThrownBy(() -> other.start("127.0.0.1", address.getPort())).isInstanceOf(IOException.class)
                .hasMessageContaining("127.0.0.1:" + address.getPort());
    }
}
