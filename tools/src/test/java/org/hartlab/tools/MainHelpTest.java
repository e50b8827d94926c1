package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code hartlab --help}: each command's summary is a whole sentence, not the first line of a paragraph. */
class MainHelpTest {
    @Test
    void everyCommandSummaryIsAWholeSentence() {
        String help = CommandRun.of("--help").out();
        String commands = help.substring(help.indexOf("Commands:"));
        // a summary starts at "  name  " and runs, over indented continuation lines, to the next command
        Matcher m = Pattern.compile("(?m)^  (\\w+) +(.*(?:\\n {4,}.*)*)").matcher(commands);
        int found = 0;
        while (m.find()) {
            found++;
            String summary = m.group(2).replaceAll("\\s+", " ").strip();
            assertThat(summary).as(m.group(1)).endsWith(".");
        }
        assertThat(found).as(commands).isGreaterThanOrEqualTo(7);
        assertThat(commands).contains("shell     Open the interactive shell, with the kernel booted.\n");
    }

    @Test
    void aSubcommandsVersionOptionPrintsTheVersion() {
        CommandRun r = CommandRun.of("run", "--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(CommandRun.of("--version").out()).startsWith(Version.text());
    }

    @Test
    void versionNamesTheCommitOfTheCheckout() throws Exception {
        Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").start();
        String head = new String(git.getInputStream().readAllBytes()).strip();
        org.junit.jupiter.api.Assumptions.assumeTrue(git.waitFor() == 0, "not in a git checkout");
        assertThat(CommandRun.of("--version").out()).startsWith(Version.text() + " (commit " + head);
    }
}
