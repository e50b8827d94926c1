package org.hartlab.tools.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code boot}: discard the machine and its processes and boot a new one. */
@Command(name = "boot", mixinStandardHelpOptions = true,
        description = {"Reboot with new settings, discarding every process.",
            "Options given replace the current settings; the others stay as they are."})
final class BootCommand extends ShellCommand {
    @Mixin
    BootOptions options;

    BootCommand(ShellSession session) {
        super(session);
    }

    @Override
    protected boolean needsKernel() {
        return false;
    }

    @Override
    protected int execute() {
        BootSettings settings;
        try {
            settings = options.applyTo(session.settings());
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        int discarded = session.shutdown();
        if (discarded > 0) {
            out().printf("boot: %d process%s discarded%n", discarded, discarded == 1 ? "" : "es");
        }
        session.boot(settings);
        return 0;
    }
}
