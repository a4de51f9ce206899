package io.spinestream.ingest.fleet;

import java.time.Instant;

/**
 * The filters of {@code GET /v1/belts}; a null field does not filter.
 *
 * @param firmware     exact firmware version
 * @param batteryBelow battery strictly below (0.0–1.0); belts with no known battery do not match
 * @param silentSince  last seen before this instant, or never seen
 * @param unassigned   true: no wearer; false: a wearer
 * @param state        active or retired
 */
public record BeltFilter(String firmware, Float batteryBelow, Instant silentSince, Boolean unassigned,
                         BeltState state) {
}
