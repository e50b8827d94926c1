package org.hartlab.mmu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hartlab.mmu.AccessType.FETCH;
import static org.hartlab.mmu.AccessType.LOAD;
import static org.hartlab.mmu.AccessType.STORE;
import static org.hartlab.mmu.PageTableFixture.AD;
import static org.hartlab.mmu.Pte.R;
import static org.hartlab.mmu.Pte.U;
import static org.hartlab.mmu.Pte.W;
import static org.hartlab.mmu.Pte.X;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Step 5: R/W/X/U against privilege, SUM and MXR. Each test uses a fresh MMU, so every answer comes from a walk. */
class PermissionTest {

    private static final long VA = 0x0000_0000_1000_0000L;
    private static final long PA = 0x9000_0000L;

    private final PageTableFixture tables = new PageTableFixture();

    private boolean allowed(long flags, AccessType type, boolean user, boolean sum, boolean mxr) {
        tables.map4k(VA, PA, flags | AD);
        Sv39Mmu mmu = new Sv39Mmu(tables.ram, TlbConfig.defaults());
        long result = mmu.translate(VA, type, tables.satp(1), user, sum, mxr, false);
        if (Translation.isFault(result)) {
            assertThat(Translation.cause(result)).isEqualTo(type.pageFaultCause());
            return false;
        }
        assertThat(result).isEqualTo(PA);
        return true;
    }

    @ParameterizedTest(name = "{0} by {1} with SUM={2} on a {3} page -> {4}")
    @CsvSource({
        // access, mode, SUM, page, allowed
        "LOAD,  S, false, user,       false",
        "LOAD,  S, true,  user,       true",
        "STORE, S, false, user,       false",
        "STORE, S, true,  user,       true",
        "FETCH, S, false, user,       false",
        "FETCH, S, true,  user,       false",
        "LOAD,  S, false, supervisor, true",
        "STORE, S, false, supervisor, true",
        "FETCH, S, false, supervisor, true",
        "LOAD,  U, false, user,       true",
        "STORE, U, false, user,       true",
        "FETCH, U, false, user,       true",
        "LOAD,  U, true,  supervisor, false",
        "STORE, U, true,  supervisor, false",
        "FETCH, U, true,  supervisor, false",
    })
    void userBitSumAndPrivilegeMatrixFollowsThePrivilegedSpec(AccessType type, String mode, boolean sum, String page,
            boolean expected) {
        long flags = R | W | X | (page.equals("user") ? U : 0);

        assertThat(allowed(flags, type, mode.equals("U"), sum, false)).isEqualTo(expected);
    }

    @Test
    void supervisorLoadFromUserPageFaultsWithoutSum() {
        assertThat(allowed(R | U, LOAD, false, false, false)).isFalse();
    }

    @Test
    void supervisorLoadFromUserPageSucceedsWithSum() {
        assertThat(allowed(R | U, LOAD, false, true, false)).isTrue();
    }

    @Test
    void supervisorNeverExecutesUserPagesEvenWithSum() {
        assertThat(allowed(R | X | U, FETCH, false, true, false)).isFalse();
    }

    @Test
    void userAccessToSupervisorPageFaults() {
        assertThat(allowed(R | W, LOAD, true, false, false)).isFalse();
    }

    @Test
    void executeOnlyPageFaultsLoadsWithoutMxr() {
        assertThat(allowed(X, LOAD, false, false, false)).isFalse();
    }

    @Test
    void executeOnlyPageAllowsLoadsWithMxr() {
        assertThat(allowed(X, LOAD, false, false, true)).isTrue();
    }

    @Test
    void executeOnlyPageStillFetches() {
        assertThat(allowed(X, FETCH, false, false, false)).isTrue();
    }

    @Test
    void mxrDoesNotMakeExecuteOnlyPagesWritable() {
        assertThat(allowed(X, STORE, false, false, true)).isFalse();
    }

    @Test
    void mxrDoesNotLiftTheUserBitCheck() {
        assertThat(allowed(X | U, LOAD, false, false, true)).isFalse();
    }

    @Test
    void fetchFromNonExecutablePageFaults() {
        assertThat(allowed(R | W, FETCH, false, false, false)).isFalse();
    }

    @Test
    void storeToReadOnlyPageFaults() {
        assertThat(allowed(R, STORE, false, false, false)).isFalse();
    }

    @Test
    void readOnlyPageServesLoads() {
        assertThat(allowed(R, LOAD, false, false, false)).isTrue();
    }

    @Test
    void cachedCheckAgreesWithStepFiveForEveryFlagCombination() {
        for (int flags = 0; flags < 256; flags++) {
            for (AccessType type : AccessType.values()) {
                for (int context = 0; context < 8; context++) {
                    boolean user = (context & 1) != 0;
                    boolean sum = (context & 2) != 0;
                    boolean mxr = (context & 4) != 0;
                    boolean expected = Permissions.denial(flags, type, user, sum, mxr) == null
                            && (type != STORE || Pte.dirty(flags));

                    assertThat(Permissions.allowsCached(flags, type, user, sum, mxr))
                            .as("flags %s, %s, user=%s sum=%s mxr=%s", Pte.describeFlags(flags), type, user, sum, mxr)
                            .isEqualTo(expected);
                }
            }
        }
    }
}
