package org.hartlab.tools.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How --shard cuts a campaign's seeds, and which shard --shard auto finds in a batch system's environment. */
class StressShardTest {
    @Test
    void shardsInIndexOrderAreTheWholeRangeInOrderWithoutOverlap() {
        for (long seeds = 1; seeds <= 40; seeds++) {
            SeedRange campaign = new SeedRange(7, 7 + seeds - 1);
            for (int n = 1; n <= seeds; n++) {
                long next = campaign.first();
                for (int k = 1; k <= n; k++) {
                    SeedRange slice = new StressShard(k, n).slice(campaign);
                    assertThat(slice.first()).as("shard %d/%d of %s", k, n, campaign).isEqualTo(next);
                    assertThat(slice.count()).as("shard %d/%d of %s", k, n, campaign)
                            .isBetween((int) (seeds / n), (int) ((seeds + n - 1) / n));
                    next = slice.last() + 1;
                }
                assertThat(next - 1).as("last seed of %d shards of %s", n, campaign).isEqualTo(campaign.last());
            }
        }
    }

    @Test
    void sixSeedsInThreeShardsAreThreePairs() {
        SeedRange campaign = SeedRange.parse("1..6");
        assertThat(StressShard.parse("1/3", Map.of()).slice(campaign)).isEqualTo(new SeedRange(1, 2));
        assertThat(StressShard.parse("2/3", Map.of()).slice(campaign)).isEqualTo(new SeedRange(3, 4));
        assertThat(StressShard.parse("3/3", Map.of()).slice(campaign)).isEqualTo(new SeedRange(5, 6));
    }

    @Test
    void moreShardsThanSeedsIsRefused() {
        assertThatThrownBy(() -> new StressShard(1, 7).slice(SeedRange.parse("1..6")))
                .hasMessage("--shard 1/7: 7 shards for only 6 seeds (1..6)");
    }

    @Test
    void indexOutsideOneToCountIsRefused() {
        assertThatThrownBy(() -> StressShard.parse("0/3", Map.of())).hasMessage("--shard K/N needs 1 <= K <= N, got 0/3");
        assertThatThrownBy(() -> StressShard.parse("4/3", Map.of())).hasMessage("--shard K/N needs 1 <= K <= N, got 4/3");
        assertThatThrownBy(() -> StressShard.parse("2", Map.of()))
                .hasMessage("--shard must be K/N (e.g. 2/8) or auto, got '2'");
    }

    @Test
    void slurmArrayTasksCountFromTheirMinimumWhateverItIs() {
        for (int min : new int[] {0, 1, 10}) {
            for (int k = 1; k <= 4; k++) {
                Map<String, String> env = Map.of("SLURM_ARRAY_TASK_ID", Integer.toString(min + k - 1),
                        "SLURM_ARRAY_TASK_MIN", Integer.toString(min), "SLURM_ARRAY_TASK_COUNT", "4");
                assertThat(StressShard.parse("auto", env)).as("task %d from %d", min + k - 1, min)
                        .isEqualTo(new StressShard(k, 4));
            }
        }
    }

    @Test
    void slurmArrayWithAStepCountsTasksNotIds() {
        Map<String, String> env = Map.of("SLURM_ARRAY_TASK_ID", "6", "SLURM_ARRAY_TASK_MIN", "0",
                "SLURM_ARRAY_TASK_STEP", "2", "SLURM_ARRAY_TASK_COUNT", "4");
        assertThat(StressShard.fromEnvironment(env)).isEqualTo(new StressShard(4, 4));
    }

    @Test
    void slurmTaskOutsideItsCountIsRefused() {
        Map<String, String> env = Map.of("SLURM_ARRAY_TASK_ID", "9", "SLURM_ARRAY_TASK_MIN", "1",
                "SLURM_ARRAY_TASK_COUNT", "3");
        assertThatThrownBy(() -> StressShard.fromEnvironment(env))
                .hasMessage("--shard auto: SLURM_ARRAY_TASK_ID gives shard 9/3, outside 1..3");
    }

    @Test
    void kubernetesCompletionIndexIsZeroBasedAndTheCountComesFromHartlabShardCount() {
        assertThat(StressShard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "0", "HARTLAB_SHARD_COUNT", "5")))
                .isEqualTo(new StressShard(1, 5));
        assertThat(StressShard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "4", "HARTLAB_SHARD_COUNT", "5")))
                .isEqualTo(new StressShard(5, 5));
        assertThatThrownBy(() -> StressShard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "4")))
                .hasMessage("--shard auto: HARTLAB_SHARD_COUNT is not set");
    }

    @Test
    void autoOutsideABatchSystemSaysWhatItLooksFor() {
        assertThatThrownBy(() -> StressShard.fromEnvironment(Map.of())).hasMessage("--shard auto: neither "
                + "SLURM_ARRAY_TASK_ID (a Slurm array task) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set");
    }
}
