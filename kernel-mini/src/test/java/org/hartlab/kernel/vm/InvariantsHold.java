package org.hartlab.kernel.vm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** After each test, the kernel's invariants hold over every {@link VmFixture} the test made. */
final class InvariantsHold implements BeforeEachCallback, AfterEachCallback {
    /** Fixtures of other test classes (some corrupt state on purpose) are not this test's business. */
    @Override
    public void beforeEach(ExtensionContext context) {
        VmFixture.forgetMade();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertThat(VmFixture.checkAllMade()).as("kernel invariants after " + context.getDisplayName()).isEmpty();
    }
}
