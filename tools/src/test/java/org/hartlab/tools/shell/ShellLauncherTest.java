package org.hartlab.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code hartlab shell}: its boot options are checked before any terminal is opened. */
class ShellLauncherTest {
    private static String run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ShellLauncher());
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute(args)).isEqualTo(2);
        return err.toString();
    }

    @Test
    void aBadBootSettingIsAUsageError() {
        assertThat(run("--harts", "0")).isEqualTo("hartlab shell: harts must be 1..64, got 0" + System.lineSeparator());
    }

    @Test
    void aBadStrategyIsAUsageError() {
        assertThat(run("--strategy", "sometimes")).contains("strategy must be naive, two-stage, two-stage-mt or bbm");
    }
}
