/**
 * {@code hartlab stress}: runs any program (bundled, such as {@code cow-race} or {@code litmus-spin}, or an ELF
 * path) over a range of seeds under each COW strategy, one fresh machine per seed, and sums the kernel's
 * counters into one table: how often the naive order breaks (the program's marks and failing exits), that the
 * fixes never do, and what each order costs. A campaign also runs as shards ({@link StressShard}) whose JSON
 * results ({@link CampaignFile}) {@code stress merge} puts back into the same report ({@link StressReport}).
 */
package org.hartlab.tools.stress;
