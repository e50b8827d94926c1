package org.hartlab.kernel;

/**
 * Counters of one boot, for {@code --stats}, the shell's {@code stats} and the stress table.
 *
 * @param faults        page faults from user mode the kernel handled
 * @param zeroFills     faults resolved with a fresh zeroed page
 * @param cowCopies     copy-on-write copies made
 * @param upgrades      faults resolved by widening a mapping (the second stage of two-stage, or a lone page)
 * @param spurious      faults whose mapping already allowed the access (a stale TLB entry): local sfence only
 * @param busySleeps    faults that slept on a busy page
 * @param shootdownIpis IPIs sent to shoot down TLB entries
 * @param ipisPosted    every IPI posted through ACLINT (shootdowns and wake-ups)
 * @param tlbSpurious   store faults the TLBs counted as spurious (the PTE in memory allowed the store)
 * @param instructions  instructions retired by all harts
 * @param cowTicks      guest time (mtime ticks, one per average-hart instruction) spent in faults that copied
 * @param unknownSyscalls system calls answered with -ENOSYS
 * @param marks         hartlab_mark calls (syscall 1000): violations a guest program reported, one call each
 */
public record KernelStats(long faults, long zeroFills, long cowCopies, long upgrades, long spurious, long busySleeps,
                          long shootdownIpis, long ipisPosted, long tlbSpurious, long instructions, long cowTicks,
                          long unknownSyscalls, long marks) {
    public String oneLine() {
        return ("instructions=%d faults=%d zero-fill=%d cow-copies=%d upgrades=%d spurious=%d busy-sleeps=%d "
                + "shootdown-ipis=%d ipis=%d tlb-spurious=%d cow-ticks=%d unknown-syscalls=%d marks=%d").formatted(
                instructions, faults, zeroFills, cowCopies, upgrades, spurious, busySleeps, shootdownIpis, ipisPosted,
                tlbSpurious, cowTicks, unknownSyscalls, marks);
    }
}
