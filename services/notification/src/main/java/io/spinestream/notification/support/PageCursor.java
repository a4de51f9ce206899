package io.spinestream.notification.support;

import io.spinestream.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Position in a newest-first list: the (time, id) of the last item shown. Opaque to clients, and
 * stable under inserts, unlike an offset.
 */
public record PageCursor(Instant at, String id) {

    public String encode() {
        String raw = at + "\n" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor in {@code token}; 400 naming the {@code cursor} field when this API did not issue it. */
    public static PageCursor decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int split = raw.indexOf('\n');
            if (split <= 0 || split == raw.length() - 1) {
                throw new IllegalArgumentException("no separator");
            }
            return new PageCursor(Instant.parse(raw.substring(0, split)), raw.substring(split + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ProblemException.invalidField("cursor", "format", "not a cursor returned by this API");
        }
    }
}
