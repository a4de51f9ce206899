package io.spinestream.ingest.fleet;

import java.util.List;

/** Every belt of a bulk request, in request order, each with its credential (shown once). */
public record BulkProvisioned(List<ProvisionedBelt> belts) {
}
