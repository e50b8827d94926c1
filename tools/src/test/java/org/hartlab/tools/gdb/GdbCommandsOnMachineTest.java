package org.hartlab.tools.gdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import net.fornwall.jelf.ElfFile;
import org.hartlab.core.Machine;
import org.hartlab.core.MachineConfig;
import org.hartlab.core.debug.MachineDebugTarget;
import org.hartlab.core.elf.ElfReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packets against a real two-hart machine running guests/gdb/gdb-target.S: hart 0 calls bump() (which
 * increments counter) {@code rounds} times, then exits with {@code exit_code}; hart 1 spins.
 */
@Timeout(30)
class GdbCommandsOnMachineTest {
    private static final byte[] ELF = load();
    private static final ElfFile SYMBOLS = ElfFile.from(ELF);

    private GdbCommands commands;

    private static byte[] load() {
        try (InputStream in = GdbCommandsOnMachineTest.class.getResourceAsStream("/gdb/gdb-target.elf")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long symbol(String name) {
        return SYMBOLS.getELFSymbol(name).st_value;
    }

    private static String hex(long v) {
        return Long.toHexString(v);
    }

    @BeforeEach
    void boot() throws Exception {
        Machine machine = new Machine(MachineConfig.defaults().withHarts(2), new ByteArrayOutputStream());
        machine.load(ElfReader.read("gdb-target.elf", ELF));
        commands = new GdbCommands(new MachineDebugTarget(machine, 50_000_000L), TargetDescription.riscv64());
    }

    private String reply(String packet) {
        List<String> packets = commands.handle(packet).packets();
        assertThat(packets).as("replies to " + packet).hasSize(1);
        return packets.getFirst();
    }

    private long pc() {
        return Hex.parseLittleEndian(reply("p20"));
    }

    @Test
    void bothHartsStartHaltedAtTheEntry() {
        assertThat(reply("?")).isEqualTo("T05thread:1;");
        assertThat(pc()).isEqualTo(symbol("_start"));
        reply("Hg2");
        assertThat(pc()).isEqualTo(symbol("_start"));
    }

    @Test
    void breakpointStopsHartZeroBeforeTheInstruction() {
        assertThat(reply("Z0," + hex(symbol("bump")) + ",2")).isEqualTo("OK");
        assertThat(reply("vCont;c")).isEqualTo("T05swbreak:;thread:1;");
        assertThat(pc()).isEqualTo(symbol("bump"));
        assertThat(reply("m" + hex(symbol("counter")) + ",8")).isEqualTo("0000000000000000");
    }

    @Test
    void writeWatchpointStopsAtTheStoringInstruction() {
        assertThat(reply("Z2," + hex(symbol("counter")) + ",8")).isEqualTo("OK");
        assertThat(reply("vCont;c")).isEqualTo("T05watch:" + hex(symbol("counter")) + ";thread:1;");
        assertThat(pc()).isEqualTo(symbol("bump_store"));
        assertThat(reply("vCont;s:1;c")).isEqualTo("T05thread:1;");
        assertThat(reply("m" + hex(symbol("counter")) + ",8")).isEqualTo("0100000000000000");
    }

    @Test
    void stepMovesOnlyTheNamedHart() {
        assertThat(reply("vCont;s:2;c")).isEqualTo("T05thread:2;");
        assertThat(pc()).isEqualTo(symbol("_start") + 4);
        reply("Hg1");
        assertThat(pc()).isEqualTo(symbol("_start"));
    }

    @Test
    void memoryWrittenByTheDebuggerIsWhatTheGuestReads() {
        assertThat(reply("M" + hex(symbol("rounds")) + ",8:0200000000000000")).isEqualTo("OK");
        assertThat(reply("X" + hex(symbol("exit_code")) + ",8:\u0007\u0000\u0000\u0000\u0000\u0000\u0000\u0000"))
                .isEqualTo("OK");
        GdbCommands.Response r = commands.handle("vCont;c");
        assertThat(r.packets()).containsExactly("W07");
        assertThat(r.outcome()).isEqualTo(SessionOutcome.exited(7));
    }

    @Test
    void monitorCommandsReachTheMachine() {
        List<String> packets = commands.handle("qRcmd," + Hex.of("tlb 0")).packets();
        assertThat(packets).hasSize(2).last().isEqualTo("OK");
        assertThat(Hex.text(packets.getFirst().substring(1))).contains("hart 0");
    }

    @Test
    void csrsAreReadableAtTheirGdbNumbers() {
        assertThat(Hex.parseLittleEndian(reply("p" + Integer.toHexString(65 + 0xf14)))).as("mhartid").isZero();
        reply("Hg2");
        assertThat(Hex.parseLittleEndian(reply("p" + Integer.toHexString(65 + 0xf14)))).as("mhartid").isEqualTo(1);
        assertThat(Hex.parseLittleEndian(reply("p" + Integer.toHexString(65 + 0x301)))).as("misa")
                .isNegative(); // MXL = 2 in the top bits
    }
}
