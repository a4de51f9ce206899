package io.spinestream.journal.audit;

import io.spinestream.events.payload.AuditAction;

import java.time.Instant;

/** What a clinic admin narrows the trail to; every part is optional ({@code from} inclusive, {@code to} exclusive). */
public record AuditQuery(String wearerId, String subject, String service, AuditAction action, Instant from,
                         Instant to) {

    /** Every record of a period. */
    public static AuditQuery period(Instant from, Instant to) {
        return new AuditQuery(null, null, null, null, from, to);
    }
}
