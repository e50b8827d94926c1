package org.hartlab.tools.gdb;

import java.nio.charset.StandardCharsets;

/** Hex text as the remote protocol writes it: two lowercase digits per byte, registers in target (little-endian) order. */
final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    static String of(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(DIGITS[(b >> 4) & 0xf]).append(DIGITS[b & 0xf]);
        }
        return out.toString();
    }

    static String of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code bytes} bytes of {@code value}, least significant first. */
    static String littleEndian(long value, int bytes) {
        StringBuilder out = new StringBuilder(bytes * 2);
        for (int i = 0; i < bytes; i++) {
            int b = (int) (value >>> (8 * i)) & 0xff;
            out.append(DIGITS[b >> 4]).append(DIGITS[b & 0xf]);
        }
        return out.toString();
    }

    /** Parses little-endian hex bytes (at most 8) into a value; throws IllegalArgumentException on bad digits. */
    static long parseLittleEndian(String hex) {
        if (hex.isEmpty() || hex.length() % 2 != 0 || hex.length() > 16) {
            throw new IllegalArgumentException("bad register value '" + hex + "'");
        }
        long value = 0;
        for (int i = 0; i < hex.length() / 2; i++) {
            value |= (long) parseByte(hex, 2 * i) << (8 * i);
        }
        return value;
    }

    static byte[] bytes(String hex) {
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits");
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) parseByte(hex, 2 * i);
        }
        return out;
    }

    static String text(String hex) {
        return new String(bytes(hex), StandardCharsets.UTF_8);
    }

    /** A big-endian hex number such as an address or a length, up to 64 bits. */
    static long number(String hex) {
        if (hex.isEmpty() || hex.length() > 16) {
            throw new IllegalArgumentException("bad hex number '" + hex + "'");
        }
        long value = 0;
        for (int i = 0; i < hex.length(); i++) {
            value = (value << 4) | digit(hex.charAt(i));
        }
        return value;
    }

    /** A hex number that must fit an int and be at most {@code max}. */
    static int count(String hex, int max) {
        long n = number(hex);
        if (n > max) {
            throw new IllegalArgumentException("0x" + hex + " is more than " + max);
        }
        return (int) n;
    }

    private static int parseByte(String hex, int at) {
        return digit(hex.charAt(at)) << 4 | digit(hex.charAt(at + 1));
    }

    static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw new IllegalArgumentException("not a hex digit: '" + c + "'");
    }
}
