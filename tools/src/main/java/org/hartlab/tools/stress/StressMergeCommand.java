package org.hartlab.tools.stress;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hartlab.kernel.vm.CowStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hartlab stress merge}: the shards' JSON results ({@code --shard K/N --json FILE}) put back together
 * into the report one machine would have printed for the whole campaign, after checking they are one campaign:
 * the same version and configuration, and every seed under every strategy exactly once.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the JSON results of a campaign's shards (hartlab stress ... --shard K/N --json FILE) and "
                + "print the report a single run of the whole campaign prints, line for line, without its timing line.",
            "Exit 0 or 1 as that run would; 2: a file that cannot be read or is not a stress result, or files that "
                + "are not one campaign (another configuration or version, a seed missing or given twice)."})
public final class StressMergeCommand implements Callable<Integer> {
    private static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "FILE", description = "The shards' --json files.")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = spec.qualifiedName();
        try {
            List<CampaignFile> shards = new ArrayList<>();
            for (Path f : files) {
                shards.add(read(f));
            }
            CampaignFile.Campaign campaign = checkOneCampaign(shards);
            List<SeedResult> results = coverExactlyOnce(campaign, shards);
            out.println(StressReport.header(campaign.plan(), campaign.strategies(), campaign.seeds(), false,
                    StressShard.WHOLE, campaign.seeds()));
            return StressReport.print(campaign.plan(), campaign.strategies(), results, campaign.perSeed(),
                    "hartlab stress", out, err);
        } catch (IllegalArgumentException e) {
            err.println(name + ": " + e.getMessage());
            return USAGE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static CampaignFile read(Path file) {
        try {
            return CampaignFile.read(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + reason(e));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    /** The campaign all of {@code shards} are of; IllegalArgumentException naming the first that is not. */
    private CampaignFile.Campaign checkOneCampaign(List<CampaignFile> shards) {
        CampaignFile first = shards.getFirst();
        for (int i = 1; i < shards.size(); i++) {
            CampaignFile other = shards.get(i);
            String difference = first.difference(other);
            if (difference != null) {
                throw new IllegalArgumentException(files.get(i) + " is another campaign than " + files.getFirst()
                        + ": " + difference);
            }
            if (!other.version().equals(first.version())) {
                throw new IllegalArgumentException(files.get(i) + " was run by " + other.version() + ", "
                        + files.getFirst() + " by " + first.version());
            }
            if (other.shard().count() != first.shard().count()) {
                throw new IllegalArgumentException(files.get(i) + " is shard " + other.shard() + ", " + files.getFirst()
                        + " shard " + first.shard() + ": not one cut of the seeds");
            }
        }
        CampaignFile.Campaign campaign;
        try {
            campaign = CampaignFile.Campaign.of(first.configuration());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(files.getFirst() + ": bad configuration: " + e.getMessage());
        }
        return campaign;
    }

    /**
     * The shards' results, strategies then seeds in order, once every seed of the campaign under every strategy
     * is in exactly one shard (and nothing else is); IllegalArgumentException naming the first seed that is not.
     */
    private List<SeedResult> coverExactlyOnce(CampaignFile.Campaign campaign, List<CampaignFile> shards) {
        record Run(CowStrategy strategy, long seed) {
        }
        Map<Run, Integer> from = new HashMap<>();
        List<SeedResult> results = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            for (SeedResult r : shards.get(i).results()) {
                if (!campaign.strategies().contains(r.strategy()) || r.seed() < campaign.seeds().first()
                        || r.seed() > campaign.seeds().last()) {
                    throw new IllegalArgumentException(files.get(i) + ": " + r.strategy() + " seed " + r.seed()
                            + " is not in the campaign (seeds " + campaign.seeds() + ")");
                }
                Integer earlier = from.putIfAbsent(new Run(r.strategy(), r.seed()), i);
                if (earlier != null) {
                    throw new IllegalArgumentException(r.strategy() + " seed " + r.seed() + " is doubled: in "
                            + files.get(earlier) + " and in " + files.get(i));
                }
                results.add(r);
            }
        }
        int count = shards.getFirst().shard().count();
        for (CowStrategy s : campaign.strategies()) {
            for (long seed = campaign.seeds().first(); seed <= campaign.seeds().last(); seed++) {
                if (!from.containsKey(new Run(s, seed))) {
                    throw new IllegalArgumentException(s + " seed " + seed + " is missing: no file has it (is shard "
                            + shardOf(campaign.seeds(), seed, count) + "/" + count + " missing?)");
                }
            }
        }
        results.sort(Comparator.<SeedResult>comparingInt(r -> campaign.strategies().indexOf(r.strategy()))
                .thenComparingLong(SeedResult::seed));
        return results;
    }

    /** The shard of {@code count} that holds {@code seed}, as {@link StressShard#slice} cuts. */
    private static int shardOf(SeedRange seeds, long seed, int count) {
        for (int k = 1; k <= count; k++) {
            if (seed <= new StressShard(k, count).slice(seeds).last()) {
                return k;
            }
        }
        throw new IllegalStateException("seed " + seed + " outside " + seeds);
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : String.valueOf(e.getMessage());
    }
}
