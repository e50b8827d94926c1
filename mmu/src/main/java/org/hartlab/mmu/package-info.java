/**
 * Sv39 address translation as an architectural model: the PTE layout, the page walker with Svade/Svadu A/D
 * handling, and a per-hart TLB whose entries stay in use, stale or not, until a matching SFENCE.VMA.
 */
package org.hartlab.mmu;
