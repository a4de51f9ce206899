package io.spinestream.events.encoding;

/**
 * Checks that a JSON body is UTF-8, as RFC 8259 requires between systems. Jackson would otherwise guess
 * UTF-16 or UTF-32 from the first bytes, and reads overlong forms and encoded surrogates without complaint.
 * Used for telemetry ({@code TelemetryJson}) and for every other JSON request body (libs/platform).
 */
public final class Utf8 {

    private Utf8() {
    }

    /** Why {@code bytes} is not well-formed UTF-8 JSON text (RFC 3629), or null when it is. */
    public static String problem(byte[] bytes) {
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            if (bytes[i] == 0) {
                // how UTF-16 and UTF-32 start; no JSON text in UTF-8 does
                return "a NUL byte at offset " + i + " (UTF-16 or UTF-32?)";
            }
        }
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int length;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                length = 2;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                length = 3;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                length = 4;
                min = 0x10000;
            } else {
                return "byte 0x" + Integer.toHexString(b) + " at offset " + i + " starts no UTF-8 character";
            }
            if (i + length > bytes.length) {
                return "a UTF-8 character cut off at offset " + i;
            }
            int code = b & (0xFF >> (length + 1));
            for (int k = 1; k < length; k++) {
                int next = bytes[i + k] & 0xFF;
                if ((next & 0xC0) != 0x80) {
                    return "byte 0x" + Integer.toHexString(next) + " at offset " + (i + k) + " continues no UTF-8 character";
                }
                code = code << 6 | (next & 0x3F);
            }
            if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
                return "an overlong or invalid UTF-8 sequence at offset " + i;
            }
            i += length;
        }
        return null;
    }

    /** Whether {@code text} holds a UTF-16 surrogate without its pair (JSON can write one as an escape). */
    public static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
