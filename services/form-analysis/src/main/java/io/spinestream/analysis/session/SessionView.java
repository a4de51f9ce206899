package io.spinestream.analysis.session;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * An exercise session as the API lists it: the summary of session-summaries.v1 (docs/events.md).
 * Fields a record lacks are null.
 */
public record SessionView(String id, String clinicId, String beltId, String wearerId, String activity,
                          Instant startedAt, Instant endedAt, Integer reps, Double holdSeconds,
                          Double timeUnderLoadSeconds, Integer impacts, Integer formScore,
                          Map<String, Integer> faults) {

    static SessionView of(Document doc) {
        return new SessionView(doc.getString("_id"), doc.getString(SessionStore.CLINIC), doc.getString("beltId"),
                doc.getString(SessionStore.WEARER), doc.getString("activity"), instant(doc.getDate("startedAt")),
                instant(doc.getDate("endedAt")), doc.getInteger("reps"), number(doc, "holdSeconds"),
                number(doc, "timeUnderLoadSeconds"), doc.getInteger("impacts"), doc.getInteger("formScore"),
                SessionStore.faults(doc));
    }

    static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    static Double number(Document doc, String field) {
        Object value = doc.get(field);
        return value instanceof Number n ? n.doubleValue() : null;
    }
}
