package io.spinestream.ingest.fleet;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class BeltCursorTest {

    @Test
    void givenBeltId_whenEncodedAndDecoded_thenSameIdAndCursorIsOpaque() {
        String cursor = BeltCursor.encode("SB-000123");

        assertThat(cursor).doesNotContain("SB-000123");
        assertThat(BeltCursor.decode(cursor)).contains("SB-000123");
    }

    @Test
    void givenCursorsNotWrittenByTheService_whenDecoded_thenRejected() {
        String otherVersion = Base64.getUrlEncoder().encodeToString("b9:SB-1".getBytes(StandardCharsets.UTF_8));
        String injected = Base64.getUrlEncoder().encodeToString("b1:x' or 1=1".getBytes(StandardCharsets.UTF_8));

        assertThat(BeltCursor.decode("SB-000123")).isEmpty();
        assertThat(BeltCursor.decode("!!!")).isEmpty();
        assertThat(BeltCursor.decode("")).isEmpty();
        assertThat(BeltCursor.decode(otherVersion)).isEmpty();
        assertThat(BeltCursor.decode(injected)).isEmpty();
        assertThat(BeltCursor.decode("A".repeat(200))).isEmpty();
    }
}
