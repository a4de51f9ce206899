package io.spinestream.analysis.session;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/** An exercise session as the API shows it. */
public record SessionView(String id, String clinicId, String beltId, String wearerId, String activity,
                          Instant startedAt, Instant endedAt, Integer reps, Integer formScore) {

    static SessionView of(Document doc) {
        return new SessionView(doc.getString("_id"), doc.getString(SessionStore.CLINIC), doc.getString("beltId"),
                doc.getString("wearerId"), doc.getString("activity"), instant(doc.getDate("startedAt")),
                instant(doc.getDate("endedAt")), doc.getInteger("reps"), doc.getInteger("formScore"));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
