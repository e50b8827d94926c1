package org.hartlab.kernel.vm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hartlab.core.bus.Bus;
import org.hartlab.core.bus.Ram;
import org.hartlab.core.hart.Csr;
import org.hartlab.core.hart.Hart;
import org.hartlab.core.trace.Event;
import org.hartlab.mmu.Pte;

/**
 * {@link Pmap} for Sv39: a three-level table in guest RAM, one ASID per address space. Every PTE is written
 * with a single 64-bit store, as a real kernel must, because other harts may be walking the table at the same
 * moment. Leaves are entered with A set (and D for writable pages) so that Svade never faults on them.
 * Changing a PTE does nothing to any TLB: invalidation is the caller's business.
 */
public final class Sv39Pmap implements Pmap {
    private static final int LEVELS = 3;
    private static final long SATP_SV39 = 8L << 60;

    private final Bus bus;
    private final Ram ram;
    private final VmSystem vm;
    private final PhysicalPages pages;
    private final int asid;
    private final VmPage root;
    // guarded by this
    private final List<VmPage> tables = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong active = new java.util.concurrent.atomic.AtomicLong();

    /** Allocates the root table; throws {@link OutOfMemoryException} when RAM is exhausted. */
    public Sv39Pmap(Bus bus, VmSystem vm, int asid) {
        this.bus = bus;
        this.ram = bus.ram();
        this.vm = vm;
        this.pages = vm.pages();
        this.asid = asid & 0xFFFF;
        this.root = allocateTable();
    }

    private VmPage allocateTable() {
        VmPage table = pages.allocate();
        if (table == null) {
            throw new OutOfMemoryException("pmap: no page for a page table");
        }
        tables.add(table);
        return table;
    }

    private static int index(long va, int level) {
        return (int) ((va >>> (12 + 9 * level)) & 0x1FF);
    }

    /** Returns the address of {@code va}'s leaf PTE slot, creating tables on the way if {@code create}; -1 if absent. */
    private long leafSlot(long va, boolean create) {
        long table = root.physicalAddress();
        for (int level = LEVELS - 1; level > 0; level--) {
            long slot = table + 8L * index(va, level);
            long pte = ram.load64(slot);
            if (!Pte.valid(pte)) {
                if (!create) {
                    return -1;
                }
                VmPage next = allocateTable();
                writePte(slot, Pte.pointer(next.physicalAddress()));
                table = next.physicalAddress();
            } else {
                table = Pte.physicalAddress(pte);
            }
        }
        return table + 8L * index(va, 0);
    }

    private void writePte(long slot, long pte) {
        bus.store64(slot, pte);
        vm.event(Event.Kind.PTE_STORE, Event.Phase.INSTANT, slot, Pte.describe(pte));
    }

    private static long flags(int prot) {
        long f = Pte.U | Pte.A; // Pte.leaf adds V
        if (Prot.allows(prot, Prot.READ)) {
            f |= Pte.R;
        }
        if (Prot.allows(prot, Prot.WRITE)) {
            f |= Pte.R | Pte.W | Pte.D;
        }
        if (Prot.allows(prot, Prot.EXEC)) {
            f |= Pte.X;
        }
        return f;
    }

    @Override
    public synchronized void enter(long va, long pa, int prot) {
        writePte(leafSlot(va, true), Pte.leaf(pa, flags(prot)));
    }

    @Override
    public synchronized void remove(long va) {
        long slot = leafSlot(va, false);
        if (slot >= 0) {
            writePte(slot, 0);
        }
    }

    @Override
    public synchronized void removeWrite(long va) {
        long slot = leafSlot(va, false);
        if (slot >= 0) {
            long pte = ram.load64(slot);
            if (Pte.valid(pte)) {
                writePte(slot, pte & ~(Pte.W | Pte.D));
            }
        }
    }

    private long leaf(long va) {
        long slot = leafSlot(va, false);
        return slot < 0 ? 0 : ram.load64(slot);
    }

    @Override
    public synchronized long extract(long va) {
        long pte = leaf(va);
        return Pte.valid(pte) ? Pte.physicalAddress(pte) | (va & 0xFFF) : -1;
    }

    @Override
    public synchronized int protection(long va) {
        long pte = leaf(va);
        if (!Pte.valid(pte)) {
            return 0;
        }
        return (Pte.readable(pte) ? Prot.READ : 0) | (Pte.writable(pte) ? Prot.WRITE : 0)
                | (Pte.executable(pte) ? Prot.EXEC : 0);
    }

    @Override
    public long satp() {
        return SATP_SV39 | ((long) asid << 44) | (root.physicalAddress() >>> 12);
    }

    @Override
    public void activate(Hart hart) {
        // No flush: entries are tagged with this pmap's ASID, which is never shared with another live pmap.
        active.getAndUpdate(bits -> bits | (1L << hart.id()));
        hart.csrs().write(Csr.SATP, satp());
    }

    @Override
    public void deactivate(Hart hart) {
        // Flush first, leave second: a shootdown that no longer sees this hart finds nothing cached here.
        hart.sfenceVma(false, 0, true, asid);
        active.getAndUpdate(bits -> bits & ~(1L << hart.id()));
    }

    @Override
    public long activeHarts() {
        // Order the caller's PTE stores before this read, against a hart joining the set and then walking.
        java.lang.invoke.VarHandle.fullFence();
        return active.get();
    }

    @Override
    public int asid() {
        return asid;
    }

    @Override
    public synchronized void forEachMapping(MappingVisitor visitor) {
        Set<Long> own = new HashSet<>();
        tables.forEach(t -> own.add(t.physicalAddress()));
        walk(root.physicalAddress(), LEVELS - 1, 0, own, visitor);
    }

    private void walk(long table, int level, long base, Set<Long> own, MappingVisitor visitor) {
        for (int i = 0; i < 512; i++) {
            long pte = ram.load64(table + 8L * i);
            if (!Pte.valid(pte)) {
                continue;
            }
            long va = base | ((long) i << (12 + 9 * level));
            long pa = Pte.physicalAddress(pte);
            if (Pte.readable(pte) || Pte.executable(pte)) {
                visitor.mapping(va, pa, (Pte.readable(pte) ? Prot.READ : 0) | (Pte.writable(pte) ? Prot.WRITE : 0)
                        | (Pte.executable(pte) ? Prot.EXEC : 0));
            } else if (level == 0 || !own.contains(pa)) {
                visitor.strayTable(va, pa); // a pointer at the last level, or into a page that is not our table
            } else {
                walk(pa, level - 1, va, own, visitor);
            }
        }
    }

    @Override
    public synchronized List<VmPage> tablePages() {
        return List.copyOf(tables);
    }

    @Override
    public synchronized void destroy() {
        tables.forEach(pages::release);
        tables.clear();
    }
}
