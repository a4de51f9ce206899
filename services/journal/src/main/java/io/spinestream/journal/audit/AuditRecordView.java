package io.spinestream.journal.audit;

import io.spinestream.events.payload.AuditAction;

import java.time.Instant;

/**
 * One access as the clinic's trail shows it (the API's record; {@code AccessRecorded} is the event's).
 *
 * @param id            the record's id (the event id)
 * @param service       the service that answered
 * @param at            when it answered
 * @param subject       who: the token's subject
 * @param role          the caller's platform roles, comma-separated
 * @param wearerId      whose data; absent for clinic-wide lists
 * @param action        read, create, update, delete or export
 * @param resource      kind of resource
 * @param operation     method and path template
 * @param resourceId    the resource's id, where there is one
 * @param itemCount     items a list answered
 * @param status        the HTTP status answered
 * @param clientAddress from where
 * @param userAgent     the client's user agent (at most 200 characters)
 * @param requestId     the request's id
 */
public record AuditRecordView(String id, String service, Instant at, String subject, String role, String wearerId,
                              AuditAction action, String resource, String operation, String resourceId,
                              Integer itemCount, int status, String clientAddress, String userAgent,
                              String requestId) {
}
