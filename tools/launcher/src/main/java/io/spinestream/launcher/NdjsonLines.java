package io.spinestream.launcher;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads an NDJSON stream one line at a time, as bytes, holding at most one line (up to
 * {@code maxLineBytes}) and a fixed read buffer in memory, whatever the size of the input.
 * Lines end at {@code \n}; a {@code \r} before it and a UTF-8 byte order mark at the start of
 * the input are dropped. A line longer than the limit is skipped to its end and reported as
 * {@link #tooLong()} (its bytes are not kept).
 */
final class NdjsonLines implements Closeable {

    private static final byte[] EMPTY = new byte[0];

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private boolean eof;
    private byte[] line = new byte[8 * 1024];
    private int len;
    private boolean tooLong;
    /** Whether bytes (or a line break) of the line being read have been seen. */
    private boolean pendingLine;
    private long lineNumber;
    private boolean first = true;

    NdjsonLines(InputStream in, int maxLineBytes) {
        this.in = Objects.requireNonNull(in, "in");
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive");
        }
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * The next line without its line break (a copy the caller may keep), an empty array for
     * a line that was {@link #tooLong()}, or {@code null} at the end of the input.
     */
    byte[] next() throws IOException {
        len = 0;
        tooLong = false;
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    if (!pendingLine) {
                        return null;
                    }
                    return finish();
                }
            }
            pendingLine = true;
            int newline = -1;
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline < 0 ? limit : newline;
            append(pos, end - pos);
            if (newline >= 0) {
                pos = newline + 1;
                return finish();
            }
            pos = limit;
        }
    }

    /** Number of the line last returned by {@link #next()}, from 1. */
    long lineNumber() {
        return lineNumber;
    }

    /** Whether the line last returned was longer than the limit (and so was not kept). */
    boolean tooLong() {
        return tooLong;
    }

    private byte[] finish() {
        pendingLine = false;
        lineNumber++;
        if (tooLong) {
            return EMPTY;
        }
        int start = 0;
        if (first) {
            first = false;
            if (len >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF) {
                start = 3;
            }
        }
        int end = len;
        if (end > start && line[end - 1] == '\r') {
            end--;
        }
        return Arrays.copyOfRange(line, start, end);
    }

    private void append(int from, int count) {
        if (tooLong || count == 0) {
            return;
        }
        if ((long) len + count > maxLineBytes) {
            tooLong = true;
            return;
        }
        if (len + count > line.length) {
            line = Arrays.copyOf(line, Math.min(Math.max(line.length * 2, len + count), maxLineBytes));
        }
        System.arraycopy(buf, from, line, len, count);
        len += count;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        while (n == 0) {
            n = in.read(buf, 0, buf.length);
        }
        if (n < 0) {
            eof = true;
            pos = limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
