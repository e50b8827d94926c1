package org.hartlab.tools.shell;

import java.io.PrintWriter;
import java.util.function.IntSupplier;
import org.hartlab.tools.stress.Progress;
import org.hartlab.tools.stress.StressHost;
import org.hartlab.tools.stress.StressProgress;

/**
 * {@code stress} at the prompt: the same run as {@code hartlab stress}, on machines of its own (the shell's
 * machine and its background jobs go on), with the progress in the status bar and Ctrl-C stopping the run after
 * the seeds in flight, back to the prompt.
 */
final class ShellStressHost implements StressHost {
    private final ShellSession session;

    ShellStressHost(ShellSession session) {
        this.session = session;
    }

    @Override
    public String name() {
        return "stress";
    }

    @Override
    public Progress display(StressProgress progress, PrintWriter err) {
        return progress;
    }

    @Override
    public int run(IntSupplier work, Runnable cancel, StressProgress progress) {
        int[] code = {130};
        Thread worker = Thread.ofPlatform().name("hartlab-stress").start(() -> code[0] = work.getAsInt());
        session.awaitForeground(() -> !worker.isAlive(), cancel,
                () -> "stress " + progress.line() + " | Ctrl-C stops it");
        try {
            worker.join();
        } catch (InterruptedException e) {
            cancel.run();
            Thread.currentThread().interrupt();
        }
        return code[0];
    }
}
