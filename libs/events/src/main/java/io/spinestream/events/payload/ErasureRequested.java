package io.spinestream.events.payload;

import java.time.Instant;

/**
 * A clinic asked to erase everything the platform holds of one of its wearers (right to erasure).
 * Every participant ({@code Topics.erasureParticipants()}) deletes what it holds of the wearer and
 * answers with an {@link ErasureCompleted}. Holds ids and a time only: never health data.
 *
 * @param erasureId   the erasure; the key of every receipt of it
 * @param clinicId    tenant the wearer belongs to
 * @param wearerId    the wearer to erase
 * @param requestedAt when the clinic asked
 */
public record ErasureRequested(
        String erasureId,
        String clinicId,
        String wearerId,
        Instant requestedAt) {

    public ErasureRequested {
        Payloads.requiredText(erasureId, "erasureId");
        Payloads.requiredText(clinicId, "clinicId");
        Payloads.requiredText(wearerId, "wearerId");
        Payloads.required(requestedAt, "requestedAt");
    }
}
