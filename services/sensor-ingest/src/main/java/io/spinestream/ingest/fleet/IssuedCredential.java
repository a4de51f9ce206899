package io.spinestream.ingest.fleet;

import java.time.Instant;

/** A belt's new credential after rotation, shown once; the previous one no longer works. */
public record IssuedCredential(String beltId, String credential, Instant issuedAt) {
}
