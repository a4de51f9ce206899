package io.spinestream.analysis.core;

import java.nio.charset.StandardCharsets;

/** Reads what {@link StateWriter} wrote; throws {@link IllegalArgumentException} on bad input. */
final class StateReader {

    private final byte[] buf;
    private int pos;

    StateReader(byte[] buf) {
        this.buf = buf;
    }

    int u8() {
        if (pos >= buf.length) {
            throw new IllegalArgumentException("analyzer state is truncated");
        }
        return buf[pos++] & 0xFF;
    }

    boolean bool() {
        return u8() != 0;
    }

    long uvar() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("analyzer state has a malformed varint");
    }

    long svar() {
        long v = uvar();
        return (v >>> 1) ^ -(v & 1);
    }

    int uint(int max) {
        long v = uvar();
        if (v > max) {
            throw new IllegalArgumentException("analyzer state value " + v + " exceeds " + max);
        }
        return (int) v;
    }

    float f32() {
        int bits = u8() | (u8() << 8) | (u8() << 16) | (u8() << 24);
        return Float.intBitsToFloat(bits);
    }

    double f64() {
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits |= (long) u8() << (8 * i);
        }
        return Double.longBitsToDouble(bits);
    }

    String str() {
        int n = uint(1 << 16);
        if (n == 0) {
            return null;
        }
        int length = n - 1;
        if (pos + length > buf.length) {
            throw new IllegalArgumentException("analyzer state is truncated");
        }
        String s = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    boolean atEnd() {
        return pos == buf.length;
    }
}
