package org.hartlab.tools.shell;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command of the shell: a picocli command that works on the session. Failures print one line, "name: reason",
 * and return 1; the shell goes on either way.
 */
abstract class ShellCommand implements Callable<Integer> {
    protected final ShellSession session;

    @Spec
    CommandSpec spec;

    ShellCommand(ShellSession session) {
        this.session = session;
    }

    @Override
    public final Integer call() {
        String unusable = needsKernel() ? session.unusable() : null;
        int code = unusable != null ? fail(unusable) : execute();
        out().flush();
        return code;
    }

    /** The command's work; returns 0, or {@link #fail}'s 1. */
    protected abstract int execute();

    /** Whether the command needs a kernel that has not powered off. */
    protected boolean needsKernel() {
        return true;
    }

    protected PrintWriter out() {
        return session.out();
    }

    protected int fail(String reason) {
        out().println(spec.name() + ": " + reason);
        return 1;
    }
}
