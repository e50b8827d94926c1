/**
 * The Java-hosted kernel: processes, threads, the machine-independent VM (map, object, page, fault) over an
 * Sv39 pmap, and the TLB shootdown protocol. It arrives with the kernel-mini issue; the module exists now so
 * the build layout is final.
 */
package org.hartlab.kernel;
