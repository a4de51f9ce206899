package io.spinestream.journal.shared;

import io.spinestream.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The opaque {@code cursor} of the journal's lists: the sort key of the last item of the previous
 * page (keyset pagination, so pages neither skip nor repeat items while the journal grows).
 * Opaque so that clients do not build cursors and the format can change.
 *
 * @param at the time of the last item; null for lists ordered by id only
 * @param id the id of the last item
 */
public record Cursor(Instant at, String id) {

    private static final String VERSION = "j1:";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._@:-]{1,64}");

    public String encode() {
        String text = VERSION + (at == null ? "" : Long.toString(at.getEpochSecond()) + "." + at.getNano()) + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a list answered; a 400 naming {@code cursor} for anything this service did not write. */
    public static Cursor decode(String cursor) {
        ProblemException invalid = ProblemException.invalidField("cursor", "format",
                "not a cursor returned by this API");
        if (cursor.isEmpty() || cursor.length() > 200) {
            throw invalid;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid;
        }
        int bar = text.indexOf('|');
        if (!text.startsWith(VERSION) || bar < 0) {
            throw invalid;
        }
        String time = text.substring(VERSION.length(), bar);
        String id = text.substring(bar + 1);
        if (!ID.matcher(id).matches()) {
            throw invalid;
        }
        if (time.isEmpty()) {
            return new Cursor(null, id);
        }
        try {
            int dot = time.indexOf('.');
            return new Cursor(Instant.ofEpochSecond(Long.parseLong(time.substring(0, dot)),
                    Long.parseLong(time.substring(dot + 1))), id);
        } catch (RuntimeException e) {
            throw invalid;
        }
    }
}
