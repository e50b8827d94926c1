package org.hartlab.core.bus;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.IntConsumer;

/**
 * The Berkeley Host-Target Interface as Spike and QEMU's spike machine provide it: two 64-bit words in guest
 * RAM, {@code tohost} and {@code fromhost}, found by ELF symbol. A command is
 * {@code device<<56 | command<<48 | payload}:
 * <ul>
 *   <li>device 0, command 0, payload odd: the guest exits with code {@code payload >> 1};</li>
 *   <li>device 0, command 0, payload even: a pointer to an 8-word syscall block; only {@code write} (64) is
 *       served, which is what bare-metal {@code printf} ports use;</li>
 *   <li>device 1, command 1: print the low byte of the payload on the console.</li>
 * </ul>
 * The host answers by clearing {@code tohost} and writing a non-zero {@code fromhost}, which guests that wait
 * for an acknowledgement poll for.
 */
public final class Htif implements StoreWatcher {
    private static final int SYS_WRITE = 64;

    private final Ram ram;
    private final long tohost;
    private final long fromhost;
    private final OutputStream console;
    private final IntConsumer exit;

    /** {@code fromhost} may be 0 when the ELF has no such symbol; {@code exit} receives the guest's code. */
    public Htif(Ram ram, long tohost, long fromhost, OutputStream console, IntConsumer exit) {
        this.ram = ram;
        this.tohost = tohost;
        this.fromhost = fromhost;
        this.console = console;
        this.exit = exit;
    }

    public long tohost() {
        return tohost;
    }

    @Override
    public void stored(long pa, int bytes, int hartId) {
        if (pa + bytes <= tohost || pa >= tohost + 8) {
            return;
        }
        long command = ram.load64(tohost);
        if (command == 0) {
            return;
        }
        int device = (int) (command >>> 56);
        int cmd = (int) (command >>> 48) & 0xFF;
        long payload = command & 0xFFFF_FFFF_FFFFL;
        if (device == 0 && cmd == 0 && (payload & 1) != 0) {
            exit.accept((int) (payload >>> 1));
            return;
        }
        long response = command;
        if (device == 0 && cmd == 0) {
            response = syscall(payload);
        } else if (device == 1 && cmd == 1) {
            write(new byte[] {(byte) payload});
            response = (1L << 56) | (1L << 48) | 0x100 | (payload & 0xFF);
        }
        ram.store64(tohost, 0);
        if (fromhost != 0) {
            ram.store64(fromhost, response);
        }
    }

    private long syscall(long block) {
        if (!ram.contains(block, 64)) {
            return 1;
        }
        long number = ram.load64(block);
        long result = -38; // -ENOSYS
        if (number == SYS_WRITE) {
            long buf = ram.load64(block + 16);
            long len = ram.load64(block + 24);
            if (len >= 0 && len <= (1 << 20) && ram.contains(buf, (int) Math.max(len, 1))) {
                byte[] out = new byte[(int) len];
                for (int i = 0; i < len; i++) {
                    out[i] = ram.load8(buf + i);
                }
                write(out);
                result = len;
            } else {
                result = -14; // -EFAULT
            }
        }
        ram.store64(block, result);
        return 1;
    }

    private void write(byte[] bytes) {
        try {
            console.write(bytes);
            console.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("htif: console write failed", e);
        }
    }
}
