package org.hartlab.tools.trace;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hartlab.core.trace.Event;

/**
 * The args of one trace event, each address under its own name so the viewer can filter on it: {@code va} for
 * virtual addresses; for a PTE store {@code pte_pa} (where the PTE lies) and {@code pa} (the page it maps); for a
 * stale access {@code pa} (what the stale entry gave) and {@code table_pa} (what the page table gives); then
 * {@code pid} and {@code tid} of the thread the hart ran at the time, and the detail text.
 */
final class TraceArgs {
    /** Sv39's base pages are 4 KiB: a PPN is the physical address shifted by this. */
    private static final int PAGE_SHIFT = 12;
    private static final Pattern PPN = Pattern.compile("ppn=0x([0-9a-f]+)");
    private static final Pattern RUNNING = Pattern.compile("pid (\\d+) tid (\\d+)");
    private static final Pattern STALE_PA = Pattern.compile("it gives pa 0x([0-9a-f]+)");
    private static final Pattern TABLE_PA = Pattern.compile("the page table gives pa 0x([0-9a-f]+)");

    private TraceArgs() {
    }

    /** Writes the fields of {@code e}'s args; {@code running} is the hart's last SWITCH detail, or null. */
    static void write(JsonGenerator json, Event e, String running) throws IOException {
        if (e.kind() == Event.Kind.PTE_STORE) {
            json.writeStringField("pte_pa", hex(e.address()));
            Matcher ppn = PPN.matcher(e.detail());
            if (ppn.find()) {
                json.writeStringField("pa", hex(Long.parseLong(ppn.group(1), 16) << PAGE_SHIFT));
            }
        } else if (e.address() != -1) {
            json.writeStringField("va", hex(e.address()));
        }
        if (e.kind() == Event.Kind.STALE_ACCESS) {
            copyHex(json, "pa", STALE_PA.matcher(e.detail()));
            copyHex(json, "table_pa", TABLE_PA.matcher(e.detail()));
        }
        Matcher thread = running == null ? null : RUNNING.matcher(running);
        if (thread != null && thread.find()) {
            json.writeNumberField("pid", Integer.parseInt(thread.group(1)));
            json.writeNumberField("tid", Integer.parseInt(thread.group(2)));
        }
        json.writeStringField("detail", e.detail());
    }

    private static void copyHex(JsonGenerator json, String name, Matcher m) throws IOException {
        if (m.find()) {
            json.writeStringField(name, "0x" + m.group(1));
        }
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
