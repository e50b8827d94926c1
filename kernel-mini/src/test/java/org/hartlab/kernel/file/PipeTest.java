package org.hartlab.kernel.file;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Pipe semantics as Linux's, on the open files alone (no thread waits, so no scheduler is needed). */
class PipeTest {
    private final OpenFile[] ends = Pipe.open(1, 0);
    private final OpenFile reader = ends[0];
    private final OpenFile writer = ends[1];

    @Test
    void readWaitsWhileEmptyAndTakesWhatIsThere() {
        assertThat(reader.read(10)).isNull();
        assertThat(writer.write("hello".getBytes())).isEqualTo(5);
        assertThat(reader.read(3)).containsExactly('h', 'e', 'l');
        assertThat(reader.read(10)).containsExactly('l', 'o');
        assertThat(reader.read(10)).isNull();
    }

    @Test
    void writeUpToPipeBufGoesInWholeOrWaits() {
        assertThat(writer.write(new byte[Pipe.CAPACITY - 100])).isEqualTo(Pipe.CAPACITY - 100);
        assertThat(writer.write(new byte[200])).isEqualTo(OpenFile.WOULD_BLOCK);
        assertThat(writer.write(new byte[100])).isEqualTo(100);
        assertThat(writer.writeReady()).isFalse();
    }

    @Test
    void writeLongerThanPipeBufTakesWhatFits() {
        assertThat(writer.write(new byte[100_000])).isEqualTo(Pipe.CAPACITY);
        assertThat(writer.write(new byte[100_000])).isEqualTo(OpenFile.WOULD_BLOCK);
        assertThat(reader.read(100_000)).hasSize(Pipe.CAPACITY);
        assertThat(writer.writeReady()).isTrue();
    }

    @Test
    void readAfterTheLastWriterClosedIsEndOfFileOnceDrained() {
        writer.write(new byte[] {7});
        writer.retain(); // a dup of the write end
        writer.release(null, null);
        assertThat(reader.hungUp()).as("one write end is still open").isFalse();
        writer.release(null, null);
        assertThat(reader.hungUp()).isTrue();
        assertThat(reader.readReady()).isTrue();
        assertThat(reader.read(10)).containsExactly(7);
        assertThat(reader.read(10)).isEmpty();
        assertThat(reader.readReady()).as("POLLHUP alone once drained").isFalse();
    }

    @Test
    void writeWithoutAReaderIsEpipe() {
        reader.release(null, null);
        assertThat(writer.write(new byte[1])).isEqualTo(-32);
        assertThat(writer.hungUp()).isTrue();
    }

    @Test
    void endsAreOneWayAndShareTheirInode() {
        assertThat(reader.canRead()).isTrue();
        assertThat(reader.canWrite()).isFalse();
        assertThat(writer.canWrite()).isTrue();
        assertThat(writer.canRead()).isFalse();
        assertThat(reader.inode()).isEqualTo(writer.inode());
        assertThat(Pipe.open(2, OpenFile.O_NONBLOCK)[1].nonBlocking()).isTrue();
        assertThat(reader.nonBlocking()).isFalse();
    }
}
