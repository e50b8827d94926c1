package org.hartlab.kernel.file;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The descriptor table: lowest free slot, fork's copy, close-on-exec, and a full table. */
class FdTableTest {
    private final OpenFile[] ends = Pipe.open(1, 0);

    @Test
    void installTakesTheLowestFreeSlotAtOrAboveTheFloor() {
        FdTable t = new FdTable();
        assertThat(t.install(ends[0], false, 0)).isZero();
        assertThat(t.install(ends[1], false, 0)).isEqualTo(1);
        assertThat(t.close(0, null, null)).isTrue();
        assertThat(t.close(0, null, null)).as("closed twice").isFalse();
        ends[1].retain();
        assertThat(t.install(ends[1], false, 0)).isZero();
        ends[1].retain();
        assertThat(t.install(ends[1], false, 10)).isEqualTo(10);
    }

    @Test
    void forkCopyKeepsTheFileOpenUntilBothCopiesClose() {
        FdTable parent = new FdTable();
        parent.install(ends[0], false, 0);
        parent.install(ends[1], true, 0);
        FdTable child = parent.copy();
        assertThat(child.get(1)).isSameAs(ends[1]);
        assertThat(child.closeOnExec(1)).isTrue();
        parent.close(1, null, null);
        assertThat(ends[0].hungUp()).as("the child's write end is open").isFalse();
        child.close(1, null, null);
        assertThat(ends[0].hungUp()).isTrue();
    }

    @Test
    void execClosesOnlyTheCloseOnExecDescriptors() {
        FdTable t = new FdTable();
        t.install(ends[0], false, 0);
        t.install(ends[1], true, 0);
        t.closeOnExec(null, null);
        assertThat(t.get(0)).isSameAs(ends[0]);
        assertThat(t.get(1)).isNull();
        assertThat(ends[0].hungUp()).isTrue();
    }

    @Test
    void aFullTableHasNoRoomAndOutOfRangeDescriptorsAreNotOpen() {
        FdTable t = new FdTable();
        for (int fd = 0; fd < FdTable.SIZE; fd++) {
            ends[0].retain();
            assertThat(t.install(ends[0], false, 0)).isEqualTo(fd);
        }
        assertThat(t.hasRoomFor(1)).isFalse();
        assertThat(t.install(ends[0], false, 0)).isEqualTo(-1);
        assertThat(t.get(-1)).isNull();
        assertThat(t.get(FdTable.SIZE)).isNull();
        assertThat(t.get(1L << 40)).isNull();
    }
}
