package org.hartlab.tools;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a host tool (the cross compiler, qemu, gdb-multiarch) call {@link #require}: locally a
 * missing tool skips the test with a message saying what to install; with {@code HARTLAB_REQUIRE_TOOLS=true}
 * (set by CI, which installs the tools) a missing tool fails the test instead, so a skip cannot hide anything.
 */
public final class RequiredTool {
    private RequiredTool() {
    }

    public static Path require(String program, String debianPackage) {
        var found = HostTools.find(program);
        if (found.isPresent()) {
            return found.get();
        }
        missing(program + " is not on PATH (apt-get install " + debianPackage + ")");
        return null;
    }

    /** Skips the test saying why (a tool or file it needs cannot be had), or fails it under HARTLAB_REQUIRE_TOOLS. */
    public static void missing(String message) {
        if ("true".equals(System.getenv("HARTLAB_REQUIRE_TOOLS"))) {
            fail(message + "; required because HARTLAB_REQUIRE_TOOLS=true");
        }
        Assumptions.abort(message + "; skipping");
    }
}
