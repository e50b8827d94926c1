package org.hartlab.tools;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs the hartlab command line in-process and captures what it printed: the same path as the launcher. Its
 * stdin is empty unless given (never the test JVM's own, which belongs to the test runner).
 */
record CommandRun(int exitCode, String out, String err) {
    static CommandRun of(String... args) {
        return withInput(new byte[0], args);
    }

    /** As {@link #of}, with {@code input} as the command's stdin. */
    static CommandRun withInput(byte[] input, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(input));
            int code = HartlabMain.execute(args);
            return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }
}
