package org.hartlab.tools.shell;

import picocli.CommandLine.Command;

/** {@code exit}: leave the shell (as Ctrl-D does), ending every process. */
@Command(name = "exit", aliases = "quit", mixinStandardHelpOptions = true,
        description = "Leave the shell, ending every process (as Ctrl-D does).")
final class ExitCommand extends ShellCommand {
    ExitCommand(ShellSession session) {
        super(session);
    }

    @Override
    protected boolean needsKernel() {
        return false;
    }

    @Override
    protected int execute() {
        session.requestExit();
        return 0;
    }
}
