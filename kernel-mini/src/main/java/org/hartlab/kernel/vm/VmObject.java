package org.hartlab.kernel.vm;

import java.util.HashMap;
import java.util.Map;

/**
 * The memory behind a MAP_SHARED anonymous mapping, shared by every entry that maps it: the parent's and its
 * forked children's, and the pieces mprotect and munmap cut it into. A page first touched by one of them must be
 * the page the others find, even when no one had touched it before the fork; per-entry pages alone would give
 * each process its own zero page.
 *
 * <p>Pages are kept by virtual page number, not by offset as in FreeBSD's vm_object: a shared mapping never
 * moves (there is no mremap) and fork keeps its address, so the number is the same in every entry. The object
 * holds one reference on each of its pages and drops them when the last entry lets go of it. Guarded by the
 * kernel lock, like the maps.
 */
final class VmObject {
    private final Map<Long, VmPage> pages = new HashMap<>();
    private int entries = 1;

    VmPage page(long va) {
        return pages.get(va >>> 12);
    }

    /** Adopts {@code page} for {@code va}; the caller gives the object its own reference on the page. */
    void putPage(long va, VmPage page) {
        pages.put(va >>> 12, page);
    }

    /** Calls {@code action} with the address and page of every page the object holds (the invariant checker). */
    void forEachPage(java.util.function.BiConsumer<Long, VmPage> action) {
        pages.forEach((vpn, page) -> action.accept(vpn << 12, page));
    }

    /** One more entry maps this object (fork, or a cut making a new piece). */
    void reference() {
        entries++;
    }

    /** An entry let go of this object; the last one gives its pages back to {@code physical}. */
    void deallocate(PhysicalPages physical) {
        if (--entries == 0) {
            pages.values().forEach(physical::release);
            pages.clear();
        }
    }
}
