package org.hartlab.kernel.vm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(InvariantsHold.class)
class VmFaultTest {
    private static final long VA = 0x40_0000L;

    @Test
    void firstTouchZeroFillsAndMapsWithTheEntryProtection() {
        VmFixture f = new VmFixture(CowStrategy.TWO_STAGE);
        VmMap map = f.newMap(1);
        map.insert(VA, VA + 4 * VmMap.PAGE, Prot.READ | Prot.WRITE, "test");
        assertThat(f.fault(map, VA + 8, Prot.WRITE)).isEqualTo(VmFault.Result.RESOLVED);
        assertThat(map.pmap().protection(VA)).isEqualTo(Prot.READ | Prot.WRITE);
        assertThat(f.machine.bus().ram().load64(map.pmap().extract(VA + 8))).isZero();
    }

    @Test
    void accessOutsideAnyEntryOrBeyondItsProtectionIsASegfault() {
        VmFixture f = new VmFixture(CowStrategy.TWO_STAGE);
        VmMap map = f.newMap(1);
        map.insert(VA, VA + VmMap.PAGE, Prot.READ, "ro");
        assertThat(f.fault(map, VA, Prot.WRITE)).isEqualTo(VmFault.Result.SEGV);
        assertThat(f.fault(map, VA + VmMap.PAGE, Prot.READ)).isEqualTo(VmFault.Result.SEGV);
    }

    @Test
    void faultOnAMappingThatAlreadyAllowsTheAccessIsSpurious() {
        VmFixture f = new VmFixture(CowStrategy.TWO_STAGE);
        VmMap map = f.newMap(1);
        map.insert(VA, VA + VmMap.PAGE, Prot.READ | Prot.WRITE, "test");
        f.fault(map, VA, Prot.WRITE);
        assertThat(f.fault(map, VA, Prot.WRITE)).isEqualTo(VmFault.Result.SPURIOUS);
    }

    /** fork, then the parent writes: a copy for every strategy, and the child keeps the old contents. */
    @ParameterizedTest
    @EnumSource(CowStrategy.class)
    void writeAfterForkCopiesThePageAndLeavesTheChildsCopyAlone(CowStrategy strategy) {
        VmFixture f = new VmFixture(strategy);
        VmMap parent = f.newMap(1);
        parent.insert(VA, VA + VmMap.PAGE, Prot.READ | Prot.WRITE, "data");
        f.fault(parent, VA, Prot.WRITE);
        f.machine.bus().ram().store64(parent.pmap().extract(VA), 41);
        VmMap child = f.fork(parent, 2);
        assertThat(parent.pmap().protection(VA)).as("write-protected by fork").isEqualTo(Prot.READ);

        VmFault.Result r = f.fault(parent, VA, Prot.WRITE);
        if (strategy == CowStrategy.TWO_STAGE) {
            assertThat(parent.pmap().protection(VA)).as("stage one: the copy is read-only").isEqualTo(Prot.READ);
            r = f.fault(parent, VA, Prot.WRITE); // stage two: the upgrade
        }
        assertThat(r).isEqualTo(VmFault.Result.RESOLVED);
        assertThat(parent.pmap().protection(VA)).isEqualTo(Prot.READ | Prot.WRITE);
        assertThat(parent.pmap().extract(VA)).isNotEqualTo(child.pmap().extract(VA));
        f.machine.bus().ram().store64(parent.pmap().extract(VA), 42);
        assertThat(f.machine.bus().ram().load64(child.pmap().extract(VA))).isEqualTo(41);
    }

    /** OpenBSD's variant: two stages when another thread could see the old page, one fault when none can. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void twoStageMtTakesTheSecondStageOnlyInAMultithreadedProcess(boolean multiThreaded) {
        VmFixture f = new VmFixture(CowStrategy.TWO_STAGE_THREADED);
        VmMap parent = f.newMap(1);
        parent.setMultiThreaded(() -> multiThreaded);
        parent.insert(VA, VA + VmMap.PAGE, Prot.READ | Prot.WRITE, "data");
        f.fault(parent, VA, Prot.WRITE);
        f.fork(parent, 2);
        assertThat(f.fault(parent, VA, Prot.WRITE)).isEqualTo(VmFault.Result.RESOLVED);
        assertThat(parent.pmap().protection(VA)).as("after the copying fault")
                .isEqualTo(multiThreaded ? Prot.READ : Prot.READ | Prot.WRITE);
    }

    @Test
    void writeToAPageNoLongerSharedUpgradesWithoutCopying() {
        VmFixture f = new VmFixture(CowStrategy.TWO_STAGE);
        VmMap parent = f.newMap(1);
        parent.insert(VA, VA + VmMap.PAGE, Prot.READ | Prot.WRITE, "data");
        f.fault(parent, VA, Prot.WRITE);
        long pa = parent.pmap().extract(VA);
        VmMap child = f.fork(parent, 2);
        f.destroy(child);
        assertThat(f.fault(parent, VA, Prot.WRITE)).isEqualTo(VmFault.Result.RESOLVED);
        assertThat(parent.pmap().extract(VA)).isEqualTo(pa);
        assertThat(f.vm.counters()[2]).as("no COW copy").isZero();
    }
}
