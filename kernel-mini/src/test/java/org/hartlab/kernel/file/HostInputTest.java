package org.hartlab.kernel.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import org.junit.jupiter.api.Test;

/** Standard input from the host: read directly when it cannot block, else by a reader thread of its own. */
class HostInputTest {
    @Test
    void noStreamIsEndOfFileAtOnce() {
        HostInput in = new HostInput(null, true, 1);
        assertThat(in.read(10)).isEmpty();
        assertThat(in.hungUp()).isTrue();
    }

    @Test
    void aStreamThatNeverBlocksIsReadToItsEndDirectly() {
        HostInput in = new HostInput(new ByteArrayInputStream("abc".getBytes()), true, 1);
        assertThat(in.readReady()).isTrue();
        assertThat(in.read(2)).containsExactly('a', 'b');
        assertThat(in.read(10)).containsExactly('c');
        assertThat(in.read(10)).isEmpty();
        assertThat(in.hungUp()).isTrue();
    }

    @Test
    void aBlockingStreamWithNothingYetWouldBlockUntilTheReaderThreadGetsBytes() throws IOException {
        PipedOutputStream host = new PipedOutputStream();
        HostInput in = new HostInput(new PipedInputStream(host), false, 1);
        assertThat(in.read(10)).as("nothing written yet").isNull();
        assertThat(in.ready()).isFalse();
        host.write('x');
        host.close();
        awaitReady(in);
        assertThat(in.available()).isEqualTo(1);
        assertThat(in.read(10)).containsExactly('x');
        byte[] end = in.read(10);
        if (end == null) { // the end of the stream comes through the reader thread too
            awaitReady(in);
            end = in.read(10);
        }
        assertThat(end).isEmpty();
    }

    /** Waits (bounded, not timed: the reader thread only has to run) until the input is ready. */
    private static void awaitReady(HostInput in) {
        for (int i = 0; i < 6000 && !in.ready(); i++) {
            in.awaitReady(10);
        }
        assertThat(in.ready()).as("the reader thread delivered within a minute").isTrue();
    }
}
