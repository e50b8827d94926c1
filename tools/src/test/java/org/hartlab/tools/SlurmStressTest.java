package org.hartlab.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's cluster recipe on a real Slurm: an {@code sbatch --array} job whose tasks each run
 * {@code stress --shard auto --json}, then a job depending on it that merges, and the merged report equals the
 * campaign run whole. Needs sbatch (slurm-wlm) and a controller that answers: {@code .ci/slurm-localhost} starts
 * a single-node one, as CI does; without them the test skips, or fails under {@code HARTLAB_REQUIRE_TOOLS=true}.
 */
class SlurmStressTest {
    private static final String CAMPAIGN = "stress cow-race --iterations 20 --seeds 1..6 --per-seed";
    /** Generous: the campaign takes seconds; this only bounds a Slurm that never runs the job. */
    private static final long WAIT_MINUTES = 10;

    @TempDir
    Path dir;

    @Test
    void arrayJobShardsMergedByADependentJobPrintTheWholeCampaign() throws Exception {
        Path sbatch = RequiredTool.require("sbatch", "slurm-wlm munge");
        requireController();
        // The tasks run hartlab from this test's classes, on this machine, as the README's script runs ./hartlab.
        String hartlab = "'%s' -cp '%s' org.hartlab.tools.HartlabMain".formatted(
                Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"));
        Files.createDirectories(dir.resolve("results"));
        Path script = Files.writeString(dir.resolve("stress.sbatch"), """
                #!/bin/bash
                #SBATCH --job-name=hartlab-stress-test
                #SBATCH --array=1-3
                #SBATCH --cpus-per-task=1
                #SBATCH --output=results/stress-%%A_%%a.log
                set -euo pipefail
                %s %s --shard auto --json "results/shard-$SLURM_ARRAY_TASK_ID.json"
                """.formatted(hartlab, CAMPAIGN));
        String job = run(sbatch.toString(), "--parsable", "--chdir=" + dir, script.toString()).trim();
        assertThat(job).as("array job id").matches("\\d+(;.*)?");
        run(sbatch.toString(), "--wait", "--chdir=" + dir, "--dependency=afterany:" + job.split(";")[0],
                "--output=results/campaign.txt", "--wrap", hartlab + " stress merge results/shard-*.json");

        CommandRun whole = CommandRun.of(CAMPAIGN.split(" "));
        String merged = Files.readString(dir.resolve("results/campaign.txt"));
        assertThat(merged).as(logs()).isEqualTo(whole.out());
        for (int k = 1; k <= 3; k++) {
            assertThat(Files.readString(dir.resolve("results/stress-%s_%d.log".formatted(job.split(";")[0], k))))
                    .contains("shard " + k + "/3 of 1..6");
        }
    }

    /** Skips (or fails under HARTLAB_REQUIRE_TOOLS) unless sinfo reaches a controller with a usable node. */
    private static void requireController() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sinfo", "-h", "-o", "%T").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        boolean up = p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0
                && out.lines().anyMatch(l -> l.matches("idle|mixed|allocated|completing"));
        if (up) {
            return;
        }
        String message = "no Slurm controller with a usable node answers (sinfo: " + out.strip()
                + "); .ci/slurm-localhost starts one";
        if ("true".equals(System.getenv("HARTLAB_REQUIRE_TOOLS"))) {
            fail(message + "; required because HARTLAB_REQUIRE_TOOLS=true");
        }
        Assumptions.abort(message + "; skipping");
    }

    private String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(WAIT_MINUTES, TimeUnit.MINUTES)) {
            p.destroy();
            fail(List.of(command) + " did not return within " + WAIT_MINUTES + " minutes");
        }
        assertThat(p.exitValue()).as(List.of(command) + ": " + out + logs()).isZero();
        return out;
    }

    /** The tasks' logs, for a failure message. */
    private String logs() {
        try (var files = Files.list(dir.resolve("results"))) {
            return files.filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".txt")).sorted()
                    .map(f -> "\n--- " + f.getFileName() + "\n" + read(f)).collect(Collectors.joining());
        } catch (IOException e) {
            return "\n(no logs: " + e.getMessage() + ")";
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
