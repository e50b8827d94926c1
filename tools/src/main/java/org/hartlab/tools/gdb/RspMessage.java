package org.hartlab.tools.gdb;

import java.nio.charset.StandardCharsets;

/**
 * One unit of the GDB remote protocol on the wire, in either direction: a packet ({@code $data#cs}), an
 * acknowledgement ({@code +}), a request to resend ({@code -}), or an interrupt (a raw 0x03 byte).
 */
public sealed interface RspMessage {
    /**
     * A packet. {@code data} is the payload with escapes (0x7d, then the byte xor 0x20) undone (inbound) or not
     * yet applied (outbound), one char per byte (ISO-8859-1), so binary payloads such as {@code X} survive intact.
     */
    record Packet(String data) implements RspMessage {
        public static Packet of(String data) {
            return new Packet(data);
        }

        public byte[] bytes() {
            return data.getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** An inbound packet that failed its checksum or was too long; the reply is {@code -} and nothing else. */
    record Corrupt(String reason) implements RspMessage {
    }

    enum Control implements RspMessage {
        ACK, NACK, INTERRUPT
    }
}
