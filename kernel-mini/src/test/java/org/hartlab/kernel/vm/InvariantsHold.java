package org.hartlab.kernel.vm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** After each test, the kernel's invariants hold over every {@link VmFixture} the test made. */
final class InvariantsHold implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) {
        assertThat(VmFixture.checkAllMade()).as("kernel invariants after " + context.getDisplayName()).isEmpty();
    }
}
