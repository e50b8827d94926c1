package org.hartlab.tools.stress;

import java.util.Map;

/**
 * One of {@code count} disjoint slices of a campaign's seed range, {@code index} counting from 1. The slices are
 * contiguous blocks in seed order, shard K taking seeds {@code first + floor((K-1)C/N) .. first + floor(KC/N) - 1}
 * of the C seeds: block sizes differ by at most one, each shard is itself an {@code A..B} range (so it runs, and
 * replays, exactly as a smaller campaign would), and the shards in index order are the whole range in order.
 *
 * @param index the shard, 1..count
 * @param count how many shards the campaign is cut into
 */
record StressShard(int index, int count) {
    /** The whole campaign as one shard: what a run without {@code --shard} is. */
    static final StressShard WHOLE = new StressShard(1, 1);

    StressShard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("--shard K/N needs 1 <= K <= N, got " + index + "/" + count);
        }
    }

    /**
     * {@code "K/N"}, or {@code "auto"}: the shard the batch system says this task is, from {@code env} (see
     * {@link #fromEnvironment}). IllegalArgumentException with a one-line reason otherwise.
     */
    static StressShard parse(String text, Map<String, String> env) {
        if (text.equals("auto")) {
            return fromEnvironment(env);
        }
        int slash = text.indexOf('/');
        try {
            if (slash < 0) {
                throw new NumberFormatException();
            }
            return new StressShard(Integer.parseInt(text.substring(0, slash).trim()),
                    Integer.parseInt(text.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard must be K/N (e.g. 2/8) or auto, got '" + text + "'");
        }
    }

    /**
     * The shard of a Slurm array task or a Kubernetes Indexed Job pod. Slurm: task {@code SLURM_ARRAY_TASK_ID} of
     * {@code SLURM_ARRAY_TASK_COUNT}, counted from {@code SLURM_ARRAY_TASK_MIN} in steps of
     * {@code SLURM_ARRAY_TASK_STEP} (1 when unset), so {@code --array=0-7} and {@code --array=1-8} both make shards
     * 1/8..8/8. Kubernetes: {@code JOB_COMPLETION_INDEX} (0-based) of {@code HARTLAB_SHARD_COUNT}, which the Job
     * sets to its {@code completions} (Kubernetes gives a pod its index, not the count).
     */
    static StressShard fromEnvironment(Map<String, String> env) {
        if (env.containsKey("SLURM_ARRAY_TASK_ID")) {
            long id = number(env, "SLURM_ARRAY_TASK_ID");
            long min = number(env, "SLURM_ARRAY_TASK_MIN");
            long step = env.containsKey("SLURM_ARRAY_TASK_STEP") ? number(env, "SLURM_ARRAY_TASK_STEP") : 1;
            long count = number(env, "SLURM_ARRAY_TASK_COUNT");
            if (step < 1 || (id - min) % step != 0) {
                throw new IllegalArgumentException("--shard auto: SLURM_ARRAY_TASK_ID " + id + " is not MIN " + min
                        + " plus a multiple of STEP " + step);
            }
            return checked((id - min) / step + 1, count, "SLURM_ARRAY_TASK_ID");
        }
        if (env.containsKey("JOB_COMPLETION_INDEX")) {
            return checked(number(env, "JOB_COMPLETION_INDEX") + 1, number(env, "HARTLAB_SHARD_COUNT"),
                    "JOB_COMPLETION_INDEX");
        }
        throw new IllegalArgumentException("--shard auto: neither SLURM_ARRAY_TASK_ID (a Slurm array task) nor "
                + "JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set");
    }

    private static StressShard checked(long index, long count, String source) {
        if (count < 1 || index < 1 || index > count || count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--shard auto: " + source + " gives shard " + index + "/" + count
                    + ", outside 1.." + count);
        }
        return new StressShard((int) index, (int) count);
    }

    private static long number(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--shard auto: " + name + " is not set");
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard auto: " + name + " must be a number, got '" + value + "'");
        }
    }

    /** This shard's seeds of {@code campaign}; IllegalArgumentException when there are fewer seeds than shards. */
    SeedRange slice(SeedRange campaign) {
        long seeds = campaign.count();
        if (count > seeds) {
            throw new IllegalArgumentException("--shard " + this + ": " + count + " shards for only " + seeds
                    + " seeds (" + campaign + ")");
        }
        return new SeedRange(campaign.first() + (index - 1) * seeds / count, campaign.first() + index * seeds / count - 1);
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
