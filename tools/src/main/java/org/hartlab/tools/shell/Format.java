package org.hartlab.tools.shell;

import org.hartlab.mmu.PageSize;
import org.hartlab.mmu.Pte;

/** How the shell writes addresses, permissions and page sizes, the same in every command. */
final class Format {
    private Format() {
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    /** PTE bits as "rwxu-ad": read, write, execute, user, global, accessed, dirty; '-' where clear. */
    static String perms(long pte) {
        return "" + (Pte.readable(pte) ? 'r' : '-') + (Pte.writable(pte) ? 'w' : '-') + (Pte.executable(pte) ? 'x' : '-')
                + (Pte.user(pte) ? 'u' : '-') + (Pte.global(pte) ? 'g' : '-') + (Pte.accessed(pte) ? 'a' : '-')
                + (Pte.dirty(pte) ? 'd' : '-');
    }

    static String size(PageSize size) {
        return switch (size) {
            case PAGE_4K -> "4K";
            case MEGAPAGE_2M -> "2M";
            case GIGAPAGE_1G -> "1G";
        };
    }

    /** Parses a hexadecimal address, "0x" optional; throws IllegalArgumentException naming the text. */
    static long parseAddress(String text) {
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        try {
            return Long.parseUnsignedLong(digits, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a hexadecimal address: " + text);
        }
    }
}
