package org.hartlab.core.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HtifTest {
    private static final long TOHOST = Ram.BASE + 0x1000;
    private static final long FROMHOST = Ram.BASE + 0x1008;

    private final Ram ram = new Ram(1 << 20);
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final AtomicInteger exitCode = new AtomicInteger(-1);
    private final Htif htif = new Htif(ram, TOHOST, FROMHOST, console, exitCode::set);

    private void command(long value) {
        ram.store64(TOHOST, value);
        htif.stored(TOHOST, 8, 0);
    }

    @Test
    void oddPayloadOnDeviceZeroExitsWithHalfOfIt() {
        command((42 << 1) | 1);
        assertThat(exitCode).hasValue(42);
    }

    @Test
    void consolePutcharPrintsTheByteAndAcknowledges() {
        command((1L << 56) | (1L << 48) | 'A');
        assertThat(console.toString(StandardCharsets.US_ASCII)).isEqualTo("A");
        assertThat(ram.load64(TOHOST)).isZero();
        assertThat(ram.load64(FROMHOST)).isNotZero();
    }

    @Test
    void syscallWriteCopiesTheBufferToTheConsole() {
        long block = Ram.BASE + 0x2000;
        long buf = Ram.BASE + 0x3000;
        byte[] text = "hello\n".getBytes(StandardCharsets.US_ASCII);
        ram.write(buf, text, 0, text.length);
        ram.store64(block, 64);
        ram.store64(block + 8, 1);
        ram.store64(block + 16, buf);
        ram.store64(block + 24, text.length);
        command(block);
        assertThat(console.toString(StandardCharsets.US_ASCII)).isEqualTo("hello\n");
        assertThat(ram.load64(block)).isEqualTo(text.length);
        assertThat(exitCode).hasValue(-1);
    }

    @Test
    void unknownSyscallReturnsEnosys() {
        long block = Ram.BASE + 0x2000;
        ram.store64(block, 999);
        command(block);
        assertThat(ram.load64(block)).isEqualTo(-38);
    }

    @Test
    void storesElsewhereAreIgnored() {
        ram.store64(TOHOST + 8, 3);
        htif.stored(TOHOST + 8, 8, 0);
        assertThat(exitCode).hasValue(-1);
    }
}
