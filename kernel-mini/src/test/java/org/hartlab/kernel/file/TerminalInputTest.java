package org.hartlab.kernel.file;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The foreground job's terminal input: typed lines, a one-shot end of file, and a hang-up for good. */
class TerminalInputTest {
    @Test
    void aReadFindingNothingWaitsAndTellsTheShellThatItWaits() {
        TerminalInput in = new TerminalInput(1);
        assertThat(in.readWaiting()).isFalse();
        assertThat(in.read(10)).isNull();
        assertThat(in.ready()).isFalse();
        assertThat(in.readWaiting()).isTrue();
        in.offer("ab\n".getBytes());
        assertThat(in.readWaiting()).as("the keys it waited for came").isFalse();
        assertThat(in.ready()).isTrue();
        assertThat(in.available()).isEqualTo(3);
        assertThat(in.read(2)).containsExactly('a', 'b');
        assertThat(in.read(10)).containsExactly('\n');
    }

    @Test
    void aPollThatFindsNothingWaitsForKeysAsAReadDoes() {
        TerminalInput in = new TerminalInput(1);
        assertThat(in.readReady()).isFalse();
        assertThat(in.readWaiting()).isTrue();
    }

    @Test
    void ctrlDEndsOneReadAndTheNextWaitsAgain() {
        TerminalInput in = new TerminalInput(1);
        in.offer("x".getBytes());
        in.endOfFile();
        assertThat(in.read(10)).as("typed bytes come before the end of file").containsExactly('x');
        assertThat(in.read(10)).isEmpty();
        assertThat(in.hungUp()).isFalse();
        assertThat(in.read(10)).as("a terminal's end of file is not sticky").isNull();
    }

    @Test
    void aHangUpEndsEveryReadFromThenOn() {
        TerminalInput in = new TerminalInput(1);
        in.offer("y".getBytes());
        in.hangUp();
        assertThat(in.hungUp()).as("bytes are still to be read").isFalse();
        assertThat(in.read(10)).containsExactly('y');
        assertThat(in.read(10)).isEmpty();
        assertThat(in.read(10)).isEmpty();
        assertThat(in.hungUp()).isTrue();
        assertThat(in.readReady()).isTrue();
    }
}
