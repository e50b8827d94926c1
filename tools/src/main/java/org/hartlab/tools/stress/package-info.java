/**
 * {@code hartlab stress}: runs a copy-on-write workload ({@code cow-race}, {@code cow-cost}) over a range of
 * seeds under each COW strategy, one fresh machine per seed, and sums the kernel's counters into one table:
 * how often the naive order breaks, that the fixes never do, and what each order costs.
 */
package org.hartlab.tools.stress;
