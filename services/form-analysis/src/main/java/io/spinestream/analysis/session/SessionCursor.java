package io.spinestream.analysis.session;

import io.spinestream.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of sessions ends: the last session's start and id (sessions are listed newest
 * first, ties by id). Opaque to clients: base64url of {@code epochMillis|id}.
 */
public record SessionCursor(Instant startedAt, String id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((startedAt.toEpochMilli() + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back; null when absent; 400 when it is not one of ours. */
    public static SessionCursor decode(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            return new SessionCursor(Instant.ofEpochMilli(Long.parseLong(text.substring(0, bar))),
                    text.substring(bar + 1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw ProblemException.invalidField("cursor", "format", "cursor must be a nextCursor this API returned");
        }
    }
}
