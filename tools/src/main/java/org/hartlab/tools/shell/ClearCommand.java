package org.hartlab.tools.shell;

import org.jline.utils.InfoCmp.Capability;
import picocli.CommandLine.Command;

/** {@code clear}: clear the terminal, as the Unix command does (Ctrl-L at the prompt does the same). */
@Command(name = "clear", mixinStandardHelpOptions = true,
        description = "Clear the terminal screen (as Ctrl-L at the prompt); a dumb terminal gets a blank line.")
final class ClearCommand extends ShellCommand {
    ClearCommand(ShellSession session) {
        super(session);
    }

    @Override
    protected boolean needsKernel() {
        return false;
    }

    @Override
    protected int execute() {
        out().flush();
        if (!session.terminal().puts(Capability.clear_screen)) {
            out().println(); // no such capability (a dumb terminal): at least keep the prompt on a line of its own
        }
        session.terminal().flush();
        return 0;
    }
}
