package io.spinestream.ingest.fleet;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A belt to provision.
 *
 * @param id       the belt's serial, as the belt sends it in {@code beltId}
 * @param model    hardware model, optional
 * @param firmware firmware at provisioning, optional (kept current from telemetry afterwards)
 * @param wearerId wearer to assign right away, optional
 */
public record ProvisionBeltRequest(
        @NotNull @Pattern(regexp = BeltIds.BELT_ID, message = "must match " + BeltIds.BELT_ID) String id,
        @Size(max = 64) String model,
        @Size(max = 32) String firmware,
        @Pattern(regexp = BeltIds.WEARER_ID, message = "must match " + BeltIds.WEARER_ID) String wearerId) {
}
