package org.hartlab.kernel.file;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output or standard error: a write-only stream to the host, which never blocks (the host stream takes
 * everything) and never fails (a host stream that went away swallows the bytes: a kernel does not die of that).
 */
public final class ConsoleOutput extends OpenFile {
    private final OutputStream out;

    public ConsoleOutput(OutputStream out, long inode) {
        super(O_WRONLY, inode);
        this.out = out;
    }

    /** Pushes buffered bytes out to the host (the machine is powering off). */
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            // as the class says
        }
    }

    @Override
    public byte[] read(int max) {
        return new byte[0]; // unreachable: a write-only file is EBADF for read before it gets here
    }

    @Override
    public long write(byte[] data) {
        try {
            out.write(data);
        } catch (IOException e) {
            // as the class says
        }
        return data.length;
    }

    @Override
    public boolean readReady() {
        return false;
    }

    @Override
    public boolean writeReady() {
        return true;
    }
}
