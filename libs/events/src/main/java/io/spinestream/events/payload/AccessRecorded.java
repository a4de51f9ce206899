package io.spinestream.events.payload;

import java.time.Instant;

/**
 * One access to health data through a service's API, as the audit trail keeps it: who, for which
 * clinic, which wearer, what, when, from where and how it ended. It names things by opaque ids and the
 * operation's path template only: never a request or response body, a query value or a name, so the
 * trail itself holds no health data.
 *
 * @param recordId      the event id, unique per access
 * @param clinicId      the caller's clinic (the tenant whose trail it is)
 * @param service       the service that answered (a registry service name: {@code journal}, …)
 * @param at            when the access was answered
 * @param subject       the token's subject (a person's id, a wearer id, or a belt id)
 * @param role          the caller's roles on the platform, comma-separated and sorted ({@code clinician})
 * @param wearerId      the wearer whose data it was; null for a clinic-wide list or when unknown
 * @param action        read, create, update, delete or export
 * @param resource      kind of resource, snake_case ({@code pain_entry}, {@code session}, …)
 * @param operation     method and path template, e.g. {@code GET /v1/wearers/{wearerId}/pain-entries/{entryId}}
 * @param resourceId    the resource's id where there is one (the created one for a create); null otherwise
 * @param itemCount     how many items a list answered; null for anything but a list
 * @param status        the HTTP status answered (refusals too: 403, 404 prove an attempt)
 * @param clientAddress where the request came from (the peer, or the forwarded client where trusted)
 * @param userAgent     the client's {@code User-Agent}, cut to 200 characters; null when absent
 * @param requestId     the request's id (the client's {@code X-Request-Id} when well-formed, else the service's)
 */
public record AccessRecorded(
        String recordId,
        String clinicId,
        String service,
        Instant at,
        String subject,
        String role,
        String wearerId,
        AuditAction action,
        String resource,
        String operation,
        String resourceId,
        Integer itemCount,
        int status,
        String clientAddress,
        String userAgent,
        String requestId) {

    public AccessRecorded {
        Payloads.requiredText(recordId, "recordId");
        Payloads.requiredText(clinicId, "clinicId");
        Payloads.requiredText(service, "service");
        Payloads.required(at, "at");
        Payloads.requiredText(subject, "subject");
        Payloads.requiredText(role, "role");
        Payloads.required(action, "action");
        Payloads.requiredText(resource, "resource");
        Payloads.requiredText(operation, "operation");
        Payloads.requiredText(requestId, "requestId");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status, was " + status);
        }
        if (itemCount != null && itemCount < 0) {
            throw new IllegalArgumentException("itemCount must be >= 0");
        }
    }
}
