package io.spinestream.ingest.fleet;

import java.time.Instant;

/** A belt as the API shows it (never its credential). */
public record BeltView(String id, String clinicId, String model, String firmware, BeltState state,
                       String wearerId, Instant provisionedAt, Instant lastSeenAt, Float battery, Long lastSeq,
                       Instant retiredAt) {

    static BeltView of(Belt belt) {
        return new BeltView(belt.id, belt.clinicId, belt.model, belt.firmware, belt.state, belt.wearerId,
                belt.provisionedAt, belt.lastSeenAt, belt.battery, belt.lastSeq, belt.retiredAt);
    }
}
