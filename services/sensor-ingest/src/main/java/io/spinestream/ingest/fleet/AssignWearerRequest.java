package io.spinestream.ingest.fleet;

import jakarta.validation.constraints.Pattern;

/** Assigns the belt to a wearer; {@code wearerId: null} unassigns it. */
public record AssignWearerRequest(
        @Pattern(regexp = BeltIds.WEARER_ID, message = "must match " + BeltIds.WEARER_ID) String wearerId) {
}
