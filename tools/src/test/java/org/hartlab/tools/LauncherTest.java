package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code ./hartlab} launcher rebuilds only when a build input changed (a file under a module's {@code src/}
 * or a pom), and runs the JMH jar with the JDK it found. It runs here in a temporary copy of a tiny tree, with a
 * fake {@code mvnw} that logs each build and, like the real build, writes files under {@code target/} (a
 * generated JMH source, newer than the jar), and a fake JDK 25 whose {@code java} says it ran, with what arguments.
 */
class LauncherTest {
    @TempDir
    Path root;

    private Path builds;

    @BeforeEach
    void copyTheLauncherIntoATinyTree() throws IOException {
        Files.copy(TestPaths.ROOT.resolve("hartlab"), root.resolve("hartlab"));
        executable(root.resolve("hartlab"));
        builds = root.resolve("builds.log");
        script(root.resolve("mvnw"), """
                #!/bin/sh
                # Like Maven: log the build, create the jar only when missing (an up-to-date jar is left alone),
                # and generate a source under target/ that is newer than everything else.
                echo build >> builds.log
                sleep "${BUILD_SECONDS:-0}"
                mkdir -p tools/target benchmarks/target/generated-sources/jmh
                [ -f tools/target/hartlab.jar ] || : > tools/target/hartlab.jar
                : > benchmarks/target/generated-sources/jmh/Bench_jmhTest.java
                touch -d "@$(( $(date +%s) + 3600 ))" benchmarks/target/generated-sources/jmh/Bench_jmhTest.java
                """);
        script(root.resolve("jdk/bin/java"), """
                #!/bin/sh
                if [ "$1" = -version ]; then echo 'openjdk version "25" (fake)' >&2; exit 0; fi
                # Like the JDK: a training run with -XX:AOTCacheOutput writes the cache (unless told to fail).
                for a in "$@"; do
                  case "$a" in -XX:AOTCacheOutput=*)
                    echo train >> trainings.log
                    [ -n "$FAIL_TRAINING" ] && exit 1
                    echo cache > "${a#-XX:AOTCacheOutput=}";;
                  esac
                done
                echo ran "$@"
                """);
        for (String input : new String[] {"pom.xml", "tools/pom.xml", "benchmarks/pom.xml",
                "tools/src/main/java/org/hartlab/tools/Main.java",
                "kernel-mini/src/main/resources/guests/hello.elf", "README.md"}) {
            Path file = root.resolve(input);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "v1\n");
        }
    }

    @Test
    void aSecondRunDoesNotRebuildThoughTheBuildWroteNewerFilesUnderTarget() throws Exception {
        assertThat(launch()).isEqualTo(ranHartlab());
        assertThat(buildCount()).as("the first run builds").isEqualTo(1);
        assertThat(launch()).isEqualTo(ranHartlab());
        assertThat(buildCount()).as("the second run does not").isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tools/src/main/java/org/hartlab/tools/Main.java", "tools/pom.xml", "pom.xml",
            "kernel-mini/src/main/resources/guests/hello.elf"})
    void editingOneBuildInputRebuildsOnceOnly(String input) throws Exception {
        launch();
        editAfterTheBuild(root.resolve(input));
        launch();
        assertThat(buildCount()).as("the edit rebuilds").isEqualTo(2);
        launch();
        launch();
        assertThat(buildCount()).as("and the runs after it do not").isEqualTo(2);
    }

    @Test
    void editingAFileOutsideTheBuildInputsDoesNotRebuild() throws Exception {
        launch();
        editAfterTheBuild(root.resolve("README.md"));
        launch();
        assertThat(buildCount()).isEqualTo(1);
    }

    private String ranHartlab() {
        return "ran -XX:+UseParallelGC -XX:AOTCache=" + root.resolve("tools/target/hartlab.aot")
                + " -Xlog:aot=off -Xlog:cds=off -jar " + root.resolve("tools/target/hartlab.jar") + "\n";
    }

    private String ranWithoutCache() {
        return "ran -XX:+UseParallelGC -jar " + root.resolve("tools/target/hartlab.jar") + "\n";
    }

    @Test
    void launchersStartedTogetherBuildOnce() throws Exception {
        List<Process> started = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            started.add(start(Map.of("BUILD_SECONDS", "1")));
        }
        for (Process p : started) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
            assertThat(p.exitValue()).as("launcher exit status").isZero();
            assertThat(out).isEqualTo(ranHartlab());
        }
        assertThat(buildCount()).as("the first builds, the others wait and find the jar fresh").isEqualTo(1);
        assertThat(trainingCount()).isEqualTo(1);
    }

    @Test
    void theAheadOfTimeCacheIsRecordedOncePerBuildAndUsedByEveryRun() throws Exception {
        assertThat(launch()).isEqualTo(ranHartlab());
        assertThat(launch()).isEqualTo(ranHartlab());
        assertThat(trainingCount()).isEqualTo(1);
        assertThat(root.resolve("tools/target")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void withoutACacheTheRunGoesOn() throws Exception {
        assertThat(launch(Map.of("FAIL_TRAINING", "1"))).isEqualTo(ranWithoutCache());
        assertThat(root.resolve("tools/target/hartlab.aot")).doesNotExist();
        assertThat(root.resolve("tools/target")).isDirectoryNotContaining("glob:**.tmp");
        assertThat(launch(Map.of("HARTLAB_AOT", "0"))).isEqualTo(ranWithoutCache());
        assertThat(trainingCount()).as("HARTLAB_AOT=0 does not train").isEqualTo(1);
    }

    @Test
    void jmhRunsTheBenchmarksJarWithTheSameJdk() throws Exception {
        assertThat(launch("jmh", "-l")).isEqualTo("ran -jar " + root.resolve("benchmarks/target/benchmarks.jar")
                + " -l\n");
    }

    /** Rewrites the file until the file system's clock shows it newer than the last build's jar and stamp. */
    private void editAfterTheBuild(Path file) throws IOException {
        FileTime built = Files.getLastModifiedTime(root.resolve("tools/target/hartlab.jar"));
        Path stamp = root.resolve("tools/target/.hartlab-build-stamp");
        if (Files.exists(stamp) && Files.getLastModifiedTime(stamp).compareTo(built) > 0) {
            built = Files.getLastModifiedTime(stamp);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int edit = 2;
        do {
            if (Instant.now().isAfter(deadline)) {
                fail("the file system clock did not move past " + built + " in 30 s");
            }
            Files.writeString(file, "v" + edit++ + "\n");
        } while (Files.getLastModifiedTime(file).compareTo(built) <= 0);
    }

    private String launch(String... args) throws IOException, InterruptedException {
        return launch(Map.of(), args);
    }

    private String launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Process p = start(env, args);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
        assertThat(p.exitValue()).as("launcher exit status").isZero();
        return out;
    }

    private Process start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(root.resolve("hartlab").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        pb.environment().put("JAVA_HOME", root.resolve("jdk").toString());
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    private long buildCount() throws IOException {
        return Files.exists(builds) ? Files.readAllLines(builds).size() : 0;
    }

    private long trainingCount() throws IOException {
        Path log = root.resolve("trainings.log");
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    private static void script(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        executable(file);
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
