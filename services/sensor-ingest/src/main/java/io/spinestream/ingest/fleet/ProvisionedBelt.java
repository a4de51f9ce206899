package io.spinestream.ingest.fleet;

/**
 * A provisioned belt with its credential. The credential is shown here once and never again:
 * only its hash is stored.
 */
public record ProvisionedBelt(BeltView belt, String credential) {
}
