package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import net.fornwall.jelf.ElfFile;
import org.hartlab.tools.gdb.RspClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code hartlab bare --gdb}: options and the protocol over a raw socket (no gdb needed). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BareGdbOptionsTest {
    @Test
    void rawInterruptStopsTheRunningGuestAndKillEndsTheRun() throws Exception {
        try (GdbSession hartlab = new GdbSession("--harts", "2"); RspClient client = hartlab.connect()) {
            assertThat(client.ask("?")).isEqualTo("T05thread:1;");
            long rounds = ElfFile.from(Files.readAllBytes(GdbSession.ELF)).getELFSymbol("rounds").st_value;
            assertThat(client.ask("M" + Long.toHexString(rounds) + ",8:ffffffffffff0000")).as("rounds = 2^48 - 1")
                    .isEqualTo("OK");
            client.send("vCont;c");
            Thread.sleep(300);
            client.sendRaw("\u0003");
            assertThat(client.receive()).matches("T02thread:[12];");
            client.kill();
            CommandRun run = hartlab.result();
            assertThat(run.exitCode()).isEqualTo(130);
            assertThat(run.err()).contains("gdb server listening on 127.0.0.1:" + hartlab.port);
        }
    }

    @Test
    void secondDebuggerIsTurnedAway() throws Exception {
        try (GdbSession hartlab = new GdbSession(); RspClient first = hartlab.connect()) {
            assertThat(first.ask("qC")).isEqualTo("QC1");
            try (RspClient second = new RspClient(hartlab.address())) {
                assertThat(second.closedByServer()).isTrue();
            }
            assertThat(first.ask("qfThreadInfo")).isEqualTo("m1");
            first.kill();
            assertThat(hartlab.result().err()).contains("one debugger at a time");
        }
    }

    @Test
    void portOutOfRangeIsAUsageError() {
        CommandRun run = CommandRun.of("bare", "--gdb", "70000", GdbSession.ELF.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--gdb must be a TCP port 0..65535");
    }

    @Test
    void nonLoopbackHostIsWarnedAbout() {
        // 192.0.2.1 (TEST-NET-1) is no address of this machine: the warning comes, then the bind fails
        CommandRun run = CommandRun.of("bare", "--gdb", "0", "--gdb-host", "192.0.2.1", GdbSession.ELF.toString());
        assertThat(run.err()).contains("warning: --gdb-host 192.0.2.1 is not a loopback address");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot listen on 192.0.2.1:0");
    }
}
