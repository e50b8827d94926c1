package org.hartlab.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hartlab shell} in a JVM of its own with a script on stdin, as {@code ./hartlab shell < script} runs:
 * every command shows after its prompt, and the exit status says whether one failed.
 */
@Timeout(180)
class PipedShellTest {
    @TempDir
    Path dir;

    private record Session(int exitCode, String out) {
    }

    private Session pipe(String script) throws IOException, InterruptedException {
        Path input = Files.writeString(dir.resolve("script"), script);
        Path output = dir.resolve("out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.hartlab.tools.HartlabMain", "shell",
                "--history", dir.resolve("history").toString())
                .redirectInput(input.toFile()).redirectOutput(output.toFile()).redirectErrorStream(true).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("the piped shell did not end within 120 s:\n" + Files.readString(output));
        }
        return new Session(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    @Test
    void eachCommandIsEchoedAfterItsPromptAndASuccessfulScriptExitsZero() throws Exception {
        Session s = pipe("run hello\nps\n");
        assertThat(s.out()).contains("hartlab> run hello\nhello from hartlab\npid 1 (hello): exit 0\n"
                + "hartlab> ps\nno processes\n");
        assertThat(s.exitCode()).as(s.out()).isZero();
    }

    @Test
    void aScriptWithAFailingCommandExitsOne() throws Exception {
        Session s = pipe("frobnicate\nps\n");
        assertThat(s.out()).contains("hartlab> frobnicate\nfrobnicate: unknown command");
        assertThat(s.exitCode()).isEqualTo(1);
    }

    @Test
    void aForegroundProgramThatExitsNonZeroFailsTheScript() throws Exception {
        // the README's race: naive, seed 3, cow-race 200 finds violations and exits 1
        Session s = pipe("boot --strategy naive --seed 3\nrun cow-race 200\n");
        assertThat(s.out()).contains("hartlab> run cow-race 200\n", "pid 1 (cow-race): exit 1\n");
        assertThat(s.exitCode()).isEqualTo(1);
    }

    @Test
    void aForegroundJobReadsTheLinesThatFollowItsCommandAsUnderLinux() throws Exception {
        // the sum qemu-riscv64 prints for `printf 'abc\n' | glibc-pipes stdin`
        Session s = pipe("run glibc-pipes stdin\nabc\n");
        assertThat(s.out()).contains("hartlab> run glibc-pipes stdin\nstdin bytes=4 sum=2986984 end=0\n"
                + "pid 1 (glibc-pipes): exit 0\n");
        assertThat(s.exitCode()).as(s.out()).isZero();
    }

    @Test
    void ctrlDEndsTheJobsInputAndTheNextLineIsTheShellsAgain() throws Exception {
        Session s = pipe("run glibc-pipes stdin\nabc\n\u0004run hello\nps\n");
        assertThat(s.out()).contains("stdin bytes=4 sum=2986984 end=0\npid 1 (glibc-pipes): exit 0\n"
                + "hartlab> run hello\nhello from hartlab\n", "hartlab> ps\nno processes\n");
        assertThat(s.exitCode()).as(s.out()).isZero();
    }

    @Test
    void aBackgroundJobsInputIsAtItsEndAndTheScriptStaysTheShells() throws Exception {
        Session s = pipe("run glibc-pipes stdin &\nwait\nrun hello\n");
        assertThat(s.out()).contains("stdin bytes=0 sum=0 end=0\n", "hartlab> run hello\nhello from hartlab\n");
        assertThat(s.exitCode()).as(s.out()).isZero();
    }
}
