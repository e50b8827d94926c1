package org.hartlab.kernel.file;

/** {@code /dev/null}: reads are at their end at once, writes take everything; always ready. */
public final class NullDevice extends OpenFile {
    private static final int S_IFCHR = 0x2000, MODE_0666 = 0x1B6;

    /** An open of /dev/null with the access mode and status flags of {@code flags}. */
    public NullDevice(int flags, long inode) {
        super(flags & (O_ACCMODE | SETTABLE), inode);
    }

    @Override
    public int mode() {
        return S_IFCHR | MODE_0666;
    }

    @Override
    public byte[] read(int max) {
        return new byte[0];
    }

    @Override
    public long write(byte[] data) {
        return data.length;
    }

    @Override
    public boolean readReady() {
        return true;
    }

    @Override
    public boolean writeReady() {
        return true;
    }
}
