package io.spinestream.ingest.auth;

/** CDI event: the belt's credential was rotated away or the belt retired; its open streams here must close. */
public record BeltCredentialsRevoked(String beltId) {
}
