package org.hartlab.core.hart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hartlab.core.hart.Pmp.R;
import static org.hartlab.core.hart.Pmp.W;
import static org.hartlab.core.hart.Pmp.X;
import static org.hartlab.core.hart.Privilege.MACHINE;
import static org.hartlab.core.hart.Privilege.SUPERVISOR;
import static org.hartlab.core.hart.Privilege.USER;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The PMP matcher and its CSRs, entry by entry, as the privileged spec's "Physical Memory Protection" states them. */
class PmpTest {
    private static final int TOR = 1 << 3;
    private static final int NA4 = 2 << 3;
    private static final int NAPOT = Pmp.A_NAPOT;
    private static final int L = 0x80;
    private static final long BASE = 0x8000_0000L;

    private final Pmp pmp = new Pmp();

    /** Sets entry {@code i}'s pmpaddr and then its cfg byte, keeping the other bytes of its pmpcfg. */
    private void entry(int i, long address, int cfg) {
        pmp.writeAddr(i, address);
        int n = i / 8 * 2;
        int shift = 8 * (i % 8);
        pmp.writeCfg(n, (pmp.readCfg(n) & ~(0xFFL << shift)) | ((long) cfg << shift));
    }

    /** pmpaddr for a NAPOT region of {@code size} bytes (a power of two, at least 8) at {@code base}. */
    private static long napot(long base, long size) {
        return (base | (size / 2 - 1)) >>> 2;
    }

    @Nested
    class WithNoEntryActive {
        @Test
        void machineModeReachesEverythingAndIsUnchecked() {
            assertThat(pmp.unchecked(MACHINE)).isTrue();
            assertThat(pmp.permits(MACHINE, BASE, 8, R | W | X)).isTrue();
        }

        @Test
        void supervisorAndUserAreDeniedEverything() {
            assertThat(pmp.unchecked(SUPERVISOR)).isFalse();
            assertThat(pmp.permits(SUPERVISOR, BASE, 4, R)).isFalse();
            assertThat(pmp.permits(USER, 0, 1, X)).isFalse();
        }
    }

    @Nested
    class Matching {
        @Test
        void napotCoversExactlyItsNaturallyAlignedRange() {
            entry(0, napot(BASE + 0x1000, 0x1000), NAPOT | R);

            assertThat(pmp.permits(SUPERVISOR, BASE + 0x1000, 8, R)).isTrue();
            assertThat(pmp.permits(SUPERVISOR, BASE + 0x1FF8, 8, R)).isTrue();
            assertThat(pmp.permits(SUPERVISOR, BASE + 0x0FF8, 8, R)).as("just below").isFalse();
            assertThat(pmp.permits(SUPERVISOR, BASE + 0x2000, 8, R)).as("just above").isFalse();
        }

        @Test
        void napotOfEightBytesHasNoTrailingOne() {
            entry(0, (BASE + 0x40) >>> 2, NAPOT | R);

            assertThat(pmp.permits(USER, BASE + 0x40, 8, R)).isTrue();
            assertThat(pmp.permits(USER, BASE + 0x48, 1, R)).isFalse();
        }

        @Test
        void napotWithAllAddressBitsSetCoversAllPhysicalMemory() {
            entry(0, -1, NAPOT | R | W | X);

            assertThat(pmp.permits(USER, 0, 8, R | W | X)).isTrue();
            assertThat(pmp.permits(USER, (1L << 56) - 8, 8, W)).isTrue();
            assertThat(pmp.unchecked(USER)).as("firmware's open set-up costs nothing").isTrue();
            assertThat(pmp.unchecked(SUPERVISOR)).isTrue();
        }

        @Test
        void na4CoversFourBytes() {
            entry(0, (BASE + 0x104) >>> 2, NA4 | W | R);

            assertThat(pmp.permits(SUPERVISOR, BASE + 0x104, 4, W)).isTrue();
            assertThat(pmp.permits(SUPERVISOR, BASE + 0x100, 4, W)).isFalse();
            assertThat(pmp.permits(SUPERVISOR, BASE + 0x108, 1, W)).isFalse();
        }

        @Test
        void torSpansFromThePreviousAddressUpToButExcludingItsOwn() {
            pmp.writeAddr(0, (BASE + 0x2000) >>> 2); // entry 0 stays OFF: only its address counts
            entry(1, (BASE + 0x3000) >>> 2, TOR | X);

            assertThat(pmp.permits(USER, BASE + 0x2000, 2, X)).isTrue();
            assertThat(pmp.permits(USER, BASE + 0x2FFE, 2, X)).isTrue();
            assertThat(pmp.permits(USER, BASE + 0x3000, 2, X)).isFalse();
            assertThat(pmp.permits(USER, BASE + 0x1FFE, 2, X)).isFalse();
        }

        @Test
        void torOfEntryZeroStartsAtAddressZero() {
            entry(0, 0x1000 >>> 2, TOR | R);

            assertThat(pmp.permits(SUPERVISOR, 0, 8, R)).isTrue();
            assertThat(pmp.permits(SUPERVISOR, 0x1000, 1, R)).isFalse();
        }

        @Test
        void torWhoseBottomIsNotBelowItsTopMatchesNothing() {
            pmp.writeAddr(0, (BASE + 0x3000) >>> 2);
            entry(1, (BASE + 0x3000) >>> 2, TOR | L); // would deny M-mode if it matched
            entry(2, -1, NAPOT | R);

            assertThat(pmp.permits(MACHINE, BASE + 0x2FFC, 4, W)).isTrue();
            assertThat(pmp.permits(SUPERVISOR, BASE + 0x2FFC, 4, R)).as("entry 2 decides").isTrue();
        }

        @Test
        void theLowestNumberedMatchingEntryDecides() {
            entry(0, napot(BASE, 0x1000), NAPOT | R);
            entry(1, napot(BASE, 0x10_0000), NAPOT | R | W);

            assertThat(pmp.permits(SUPERVISOR, BASE + 0x10, 8, W)).as("entry 0 denies W").isFalse();
            assertThat(pmp.permits(SUPERVISOR, BASE + 0x1010, 8, W)).as("only entry 1 matches").isTrue();
        }

        @Test
        void anAccessStraddlingAnEntrysEndFailsEvenWhereTheNextEntryWouldGrantIt() {
            entry(0, (BASE + 0x100) >>> 2, NA4 | R | W | X);
            entry(1, -1, NAPOT | R | W | X);

            assertThat(pmp.permits(SUPERVISOR, BASE + 0x100, 8, R)).isFalse();
            assertThat(pmp.permits(SUPERVISOR, BASE + 0xFC, 8, R)).isFalse();
            assertThat(pmp.permits(MACHINE, BASE + 0x100, 8, R)).as("whatever L says").isFalse();
            assertThat(pmp.permits(SUPERVISOR, BASE + 0x100, 4, R)).isTrue();
        }

        @Test
        void noMatchDeniesLowerPrivilegesButNotMachineMode() {
            entry(0, napot(BASE, 0x1000), NAPOT | R | W | X);

            assertThat(pmp.permits(SUPERVISOR, BASE + 0x1000, 4, R)).isFalse();
            assertThat(pmp.permits(MACHINE, BASE + 0x1000, 4, R)).isTrue();
            assertThat(pmp.unchecked(MACHINE)).as("a straddle can still fail").isFalse();
        }

        @Test
        void addressesBeyondThePhysicalAddressSpaceMatchNothing() {
            entry(0, -1, NAPOT | L);

            assertThat(pmp.permits(MACHINE, 1L << 56, 4, R)).isTrue();
            assertThat(pmp.permits(SUPERVISOR, -8, 8, R)).isFalse();
        }

        @Test
        void aPageIsGrantedOnlyWhenOneEntryGrantsAllOfIt() {
            entry(0, napot(BASE + 0x1800, 0x800), NAPOT | R);
            entry(1, -1, NAPOT | R | W | X);

            assertThat(pmp.grantsPage(SUPERVISOR, BASE + 0x1234, R)).as("two entries share it").isFalse();
            assertThat(pmp.grantsPage(SUPERVISOR, BASE + 0x2234, R)).isTrue();
            assertThat(pmp.permits(SUPERVISOR, BASE + 0x1234, 8, W)).as("yet a single access passes").isTrue();
        }
    }

    @Nested
    class LockBit {
        @Test
        void unlockedEntriesDoNotBindMachineMode() {
            entry(0, napot(BASE, 0x1000), NAPOT);

            assertThat(pmp.permits(MACHINE, BASE, 8, R | W | X)).isTrue();
            assertThat(pmp.permits(SUPERVISOR, BASE, 8, R)).isFalse();
        }

        @Test
        void aLockedEntryBindsMachineModeToItsPermissions() {
            entry(0, napot(BASE, 0x1000), NAPOT | L | R);

            assertThat(pmp.permits(MACHINE, BASE, 8, R)).isTrue();
            assertThat(pmp.permits(MACHINE, BASE, 8, W)).isFalse();
            assertThat(pmp.permits(MACHINE, BASE, 2, X)).isFalse();
            assertThat(pmp.unchecked(MACHINE)).isFalse();
        }

        @Test
        void aLockedEntryIgnoresWritesToItsCfgAndAddress() {
            entry(0, napot(BASE, 0x1000), NAPOT | L | R);

            pmp.writeCfg(0, 0);
            pmp.writeAddr(0, -1);

            assertThat(pmp.readCfg(0) & 0xFF).isEqualTo(NAPOT | L | R);
            assertThat(pmp.readAddr(0)).isEqualTo(napot(BASE, 0x1000));
        }

        @Test
        void lockingOneEntryLeavesItsNeighboursInTheSameCsrWritable() {
            entry(1, napot(BASE, 0x1000), NAPOT | L);

            pmp.writeCfg(0, 0x1F1FL << 8 | 0x1F);

            assertThat(pmp.readCfg(0)).isEqualTo(0x1F_00_1FL | (NAPOT | L) << 8);
        }

        @Test
        void aLockedTorEntryAlsoLocksTheAddressBelowIt() {
            pmp.writeAddr(0, BASE >>> 2);
            entry(1, (BASE + 0x1000) >>> 2, TOR | L | R);

            pmp.writeAddr(0, 0);

            assertThat(pmp.readAddr(0)).isEqualTo(BASE >>> 2);
        }

        @Test
        void aLockedNapotEntryLeavesTheAddressBelowItWritable() {
            entry(1, napot(BASE, 0x1000), NAPOT | L | R);

            pmp.writeAddr(0, 0x1234);

            assertThat(pmp.readAddr(0)).isEqualTo(0x1234);
        }
    }

    @Nested
    class CsrFields {
        @Test
        void pmpcfgPacksEightEntriesLowestFirstAndPmpcfg2HoldsEntriesEightToFifteen() {
            pmp.writeCfg(2, 0x1D1C_1B19_1107_0519L);

            assertThat(pmp.readCfg(2)).isEqualTo(0x1D1C_1B19_1107_0519L);
            assertThat(pmp.readCfg(0)).isZero();
            assertThat(pmp.permits(USER, 0, 8, R)).as("entry 8: NAPOT, 8 bytes at 0, R").isTrue();
        }

        @Test
        void theReservedCombinationOfWriteWithoutReadIsNeverStored() {
            pmp.writeCfg(0, NAPOT | W | X);

            assertThat(pmp.readCfg(0)).isEqualTo(NAPOT | X);
        }

        @Test
        void reservedCfgBitsSixAndFiveReadAsZero() {
            pmp.writeCfg(0, 0x60 | NAPOT | R);

            assertThat(pmp.readCfg(0)).isEqualTo(NAPOT | R);
        }

        @Test
        void pmpaddrKeepsPhysicalAddressBitsFiftyFiveToTwoOnly() {
            pmp.writeAddr(5, -1);

            assertThat(pmp.readAddr(5)).isEqualTo((1L << 54) - 1);
        }

        @Test
        void sixtyFourEntriesAreImplemented() {
            entry(63, -1, NAPOT | R);

            assertThat(pmp.readCfg(14) >>> 56).isEqualTo(NAPOT | R);
            assertThat(pmp.permits(USER, BASE, 8, R)).isTrue();
        }
    }
}
