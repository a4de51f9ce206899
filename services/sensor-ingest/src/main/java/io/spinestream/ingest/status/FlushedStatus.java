package io.spinestream.ingest.status;

import java.time.Instant;

/** A belt's status as the registry holds it after a flush merged in what this instance observed. */
public record FlushedStatus(String beltId, String clinicId, String wearerId, boolean active, Instant lastSeenAt,
                            Float battery, String firmware, Long lastSeq) {
}
