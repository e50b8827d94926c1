package org.hartlab.core.elf;

/** An ELF file that cannot be run: unreadable, malformed, not RV64, or not fitting in guest RAM. */
public final class ElfLoadException extends Exception {
    public ElfLoadException(String message) {
        super(message);
    }

    public ElfLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
