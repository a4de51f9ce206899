package io.spinestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class NdjsonLinesTest {

    /** Each line as text, {@code <too long>} for a skipped one; with its line number. */
    private static List<String> read(InputStream in, int max) throws IOException {
        List<String> out = new ArrayList<>();
        try (NdjsonLines lines = new NdjsonLines(in, max)) {
            byte[] line;
            while ((line = lines.next()) != null) {
                out.add(lines.lineNumber() + ":" + (lines.tooLong() ? "<too long>" : new String(line, StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    private static List<String> read(String text, int max) throws IOException {
        return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
    }

    @Test
    void givenLfCrlfBlankAndAnUnterminatedLastLine_whenRead_thenLinesWithoutBreaksAndNumbered() throws IOException {
        assertThat(read("a\r\nb\n\n{\"x\":1}", 100)).containsExactly("1:a", "2:b", "3:", "4:{\"x\":1}");
        assertThat(read("a\n", 100)).containsExactly("1:a");
        assertThat(read("", 100)).isEmpty();
    }

    @Test
    void givenAByteOrderMark_whenRead_thenItIsDroppedFromTheFirstLineOnly() throws IOException {
        assertThat(read("\uFEFFa\n\uFEFFb", 100)).containsExactly("1:a", "2:\uFEFFb");
    }

    @Test
    void givenALineLongerThanTheLimit_whenRead_thenItIsSkippedAndTheNextLineIsRead() throws IOException {
        String longLine = "x".repeat(200_000);
        assertThat(read("a\n" + longLine + "\nb\n" + longLine, 100_000))
                .containsExactly("1:a", "2:<too long>", "3:b", "4:<too long>");
    }

    @Test
    void givenLinesAcrossReadBuffersAndShortReads_whenRead_thenTheyAreWhole() throws IOException {
        String big = "y".repeat(150_000);
        byte[] bytes = ("a\n" + big + "\nc").getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7_777)); // short reads, as from a pipe
            }
        };
        assertThat(read(trickle, 1 << 20)).containsExactly("1:a", "2:" + big, "3:c");
    }
}
