package org.hartlab.tools;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Times a command as a user pays for it: a fresh process each time, start-up included, output discarded. {@code
 * hartlab bench} uses it for QEMU and, with {@code --cold}, for hartlab itself: a new JVM running {@code hartlab
 * bare}, as every {@code ./hartlab run} or {@code bare} is.
 */
final class WholeProcess {
    private WholeProcess() {
    }

    /** The best wall time in seconds of {@code repeat} runs, or minus the exit code of the first run that failed. */
    static double bestSeconds(List<String> command, int repeat) throws IOException, InterruptedException {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < repeat; i++) {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            int exit = p.waitFor();
            if (exit != 0) {
                return -exit; // the guest failed there: its time would be meaningless
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }

    /**
     * The command that runs {@code hartlab ARGS} in a new JVM like this one: the same java, JVM options (the
     * launcher's garbage collector and ahead-of-time cache among them) and class path.
     */
    static List<String> hartlab(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(HartlabMain.class.getName());
        command.addAll(args);
        return command;
    }
}
