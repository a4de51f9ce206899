package io.spinestream.ingest.fleet;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The opaque {@code cursor} of {@code GET /v1/belts}: the last belt id of the previous page
 * (keyset pagination by id, so pages neither skip nor repeat belts while the fleet changes).
 * Opaque so that clients do not build cursors themselves and the format can change.
 */
public final class BeltCursor {

    private static final String VERSION = "b1:";
    private static final Pattern BELT_ID = Pattern.compile("[A-Z0-9-]{3,32}");

    private BeltCursor() {
    }

    public static String encode(String lastBeltId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + lastBeltId).getBytes(StandardCharsets.UTF_8));
    }

    /** The belt id after which the next page starts; empty for a cursor this service did not write. */
    public static Optional<String> decode(String cursor) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > 64) {
            return Optional.empty();
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!text.startsWith(VERSION)) {
            return Optional.empty();
        }
        String id = text.substring(VERSION.length());
        return BELT_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }
}
