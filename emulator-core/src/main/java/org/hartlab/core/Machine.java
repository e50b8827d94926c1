package org.hartlab.core;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.hartlab.core.bus.Bus;
import org.hartlab.core.bus.Htif;
import org.hartlab.core.bus.Ram;
import org.hartlab.core.elf.ElfImage;
import org.hartlab.core.elf.ElfLoadException;
import org.hartlab.core.engine.DeterministicEngine;
import org.hartlab.core.hart.DecodeCache;
import org.hartlab.core.hart.Hart;

/**
 * A whole machine: harts sharing one bus with RAM and devices. Built from a {@link MachineConfig}, loaded
 * with an ELF, then run by an engine until the guest exits, a limit is hit, or it is stopped.
 */
public final class Machine {
    private final MachineConfig config;
    private final Bus bus;
    private final List<Hart> harts = new ArrayList<>();
    private final OutputStream console;

    private volatile boolean exitRequested;
    private volatile int exitCode;
    private volatile boolean stopRequested;
    /** Guest time in mtime ticks; advanced by the engine as harts retire instructions. */
    private volatile long mtime;

    public Machine(MachineConfig config, OutputStream console) {
        this.config = config;
        this.console = console;
        this.bus = new Bus(new Ram((long) config.ramMiB() << 20), config.harts());
        DecodeCache decodeCache = new DecodeCache(bus);
        for (int i = 0; i < config.harts(); i++) {
            harts.add(new Hart(i, bus, decodeCache, config.tlb(), this::mtime));
        }
    }

    public MachineConfig config() {
        return config;
    }

    public Bus bus() {
        return bus;
    }

    public List<Hart> harts() {
        return List.copyOf(harts);
    }

    public Hart hart(int id) {
        return harts.get(id);
    }

    /**
     * Copies the image's segments into RAM, points every hart at the entry with a0 = hartid (the Spike and
     * QEMU boot convention), and attaches HTIF when the image has a {@code tohost} symbol.
     */
    public void load(ElfImage image) throws ElfLoadException {
        Ram ram = bus.ram();
        for (ElfImage.Segment s : image.segments()) {
            if (s.memorySize() > Integer.MAX_VALUE || !ram.contains(s.address(), (int) s.memorySize())) {
                throw new ElfLoadException("%s: segment at 0x%x (%d bytes) is outside RAM 0x%x..0x%x".formatted(
                        image.name(), s.address(), s.memorySize(), Ram.BASE, Ram.BASE + ram.size()));
            }
            ram.write(s.address(), s.data(), 0, s.data().length);
            for (long a = s.address() + s.data().length; a < s.address() + s.memorySize(); a++) {
                ram.store8(a, (byte) 0);
            }
        }
        if (image.tohost().isPresent()) {
            long tohost = image.tohost().getAsLong();
            if (!ram.contains(tohost, 8)) {
                throw new ElfLoadException("%s: tohost at 0x%x is outside RAM".formatted(image.name(), tohost));
            }
            Htif htif = new Htif(ram, tohost, image.fromhost().orElse(0), console, this::exitFromGuest);
            bus.watch(tohost, htif::stored);
        }
        for (Hart h : harts) {
            h.setPc(image.entry());
            h.setRegister(10, h.id());
        }
    }

    private void exitFromGuest(int code) {
        exitCode = code;
        exitRequested = true;
        harts.forEach(Hart::endSlice);
    }

    public boolean exitRequested() {
        return exitRequested;
    }

    public int exitCode() {
        return exitCode;
    }

    /** Asks the engine to stop at the next slice boundary; callable from any thread (Ctrl-C). */
    public void requestStop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    public long mtime() {
        return mtime;
    }

    /** Advances guest time; only the engine calls this. */
    public void advanceTime(long ticks) {
        mtime += ticks;
    }

    /** Runs under the deterministic engine until exit, deadlock, stop, or {@code maxInstructions} steps. */
    public RunResult run(long maxInstructions) {
        return new DeterministicEngine(config.seed(), config.quantum()).run(this, maxInstructions);
    }
}
