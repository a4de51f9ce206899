package io.spinestream.events.payload;

import java.time.Instant;

/**
 * A belt's latest known state (compacted topic: the latest per belt is kept).
 *
 * @param beltId     the belt
 * @param clinicId   tenant owning the belt
 * @param lastSeenAt when ingest last accepted a batch from it; {@code null} if never
 * @param battery    0.0–1.0 from the latest batch that carried it; {@code null} if unknown
 * @param firmware   firmware from the latest batch that carried it; {@code null} if unknown
 * @param lastSeq    highest {@code seq} accepted from the belt
 */
public record BeltStatus(
        String beltId,
        String clinicId,
        Instant lastSeenAt,
        Double battery,
        String firmware,
        long lastSeq) {

    public BeltStatus {
        Payloads.requiredText(beltId, "beltId");
    }
}
