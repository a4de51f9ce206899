package io.spinestream.ingest.fleet;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Many belts provisioned together: all of them, or none. */
public record BulkProvisionRequest(
        @NotNull @Size(min = 1, max = BulkProvisionRequest.MAX_BELTS) List<@Valid @NotNull ProvisionBeltRequest> belts) {

    /** One transaction holds them all; larger fleets are sent in several requests. */
    public static final int MAX_BELTS = 1000;
}
