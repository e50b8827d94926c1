package org.hartlab.kernel.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The kernel's copies to and from user memory, page by page, faulting as a user access would. */
@ExtendWith(InvariantsHold.class)
class UserMemoryTest {
    private static final long VA = 0x40_0000L;

    private final VmFixture f = new VmFixture(CowStrategy.TWO_STAGE);

    /** A new address space with {@code pages} writable pages at VA, none touched yet. */
    private VmMap mapped(int pages) {
        VmMap map = f.newMap(1);
        map.insert(VA, VA + pages * VmMap.PAGE, Prot.READ | Prot.WRITE, "data");
        return map;
    }

    private UserMemory memory(VmMap map) {
        return new UserMemory(map, f.machine.bus(), f.hart);
    }

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void aCopyoutAcrossPagesFaultsEachInAndLandsWhole() throws UserMemory.Fault {
        VmMap map = mapped(3);
        UserMemory memory = memory(map);
        byte[] data = new byte[2 * (int) VmMap.PAGE + 100];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        memory.write(VA + 50, data);
        assertThat(memory.read(VA + 50, data.length)).isEqualTo(data);
        assertThat(memory.read(VA, 50)).as("bytes before the copy stay zero").isEqualTo(new byte[50]);
        f.destroy(map);
    }

    @Test
    void aCopyoutThatRunsOffTheMapWritesThePagesBeforeAndFaults() throws UserMemory.Fault {
        VmMap map = mapped(1);
        UserMemory memory = memory(map);
        assertThatThrownBy(() -> memory.write(VA + VmMap.PAGE - 8, filled(16, 0x5A)))
                .isInstanceOf(UserMemory.Fault.class).hasMessageContaining("0x401000");
        assertThat(memory.read(VA + VmMap.PAGE - 8, 8)).isEqualTo(filled(8, 0x5A));
        f.destroy(map);
    }

    @Test
    void aCopyoutIntoACopyOnWritePageTakesTheCopyAndItsUpgradeAndLeavesTheSharerAlone() throws UserMemory.Fault {
        VmMap parent = mapped(1);
        UserMemory parentMemory = memory(parent);
        parentMemory.write(VA, filled(64, 1));
        VmMap child = f.fork(parent, 2);

        f.lock.lock(f.hart, () -> { }); // system calls copy out holding the kernel lock
        try {
            parentMemory.write(VA, filled(64, 2));
        } finally {
            f.lock.unlock(f.hart);
        }

        assertThat(Prot.allows(parent.pmap().protection(VA), Prot.WRITE))
                .as("two-stage maps the copy read-only first; the copyout faulted again for the upgrade").isTrue();
        assertThat(parentMemory.read(VA, 64)).isEqualTo(filled(64, 2));
        assertThat(memory(child).read(VA, 64)).isEqualTo(filled(64, 1));
        f.destroy(child);
        f.destroy(parent);
    }

    @Test
    void aStringIsReadUpToItsNulAcrossAPage() throws UserMemory.Fault {
        VmMap map = mapped(2);
        UserMemory memory = memory(map);
        byte[] text = "a path that crosses a page\0rest".getBytes();
        memory.write(VA + VmMap.PAGE - 10, text);
        assertThat(memory.readString(VA + VmMap.PAGE - 10, 100)).isEqualTo("a path that crosses a page");
        assertThatThrownBy(() -> memory.readString(VA + VmMap.PAGE - 10, 5)).isInstanceOf(UserMemory.Fault.class);
        f.destroy(map);
    }
}
