package io.spinestream.analysis.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Compact binary writer of analyzer state: LEB128 varints (zig-zag for signed), raw floats. */
final class StateWriter {

    private byte[] buf = new byte[512];
    private int len;

    void u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
    }

    void bool(boolean v) {
        u8(v ? 1 : 0);
    }

    /** Unsigned varint; {@code v} must be ≥ 0. */
    void uvar(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[len++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
    }

    /** Signed varint (zig-zag). */
    void svar(long v) {
        uvar((v << 1) ^ (v >> 63));
    }

    void f32(float v) {
        int bits = Float.floatToRawIntBits(v);
        ensure(4);
        buf[len++] = (byte) bits;
        buf[len++] = (byte) (bits >>> 8);
        buf[len++] = (byte) (bits >>> 16);
        buf[len++] = (byte) (bits >>> 24);
    }

    void f64(double v) {
        long bits = Double.doubleToRawLongBits(v);
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[len++] = (byte) (bits >>> (8 * i));
        }
    }

    /** Nullable string: length + 1 (0 = null), then UTF-8. */
    void str(String s) {
        if (s == null) {
            uvar(0);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        uvar(bytes.length + 1L);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
