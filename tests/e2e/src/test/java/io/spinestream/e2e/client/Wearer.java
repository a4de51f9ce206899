package io.spinestream.e2e.client;

/**
 * A wearer enrolled in the journal.
 *
 * @param id          the id the journal knows them by (and the belt registry assigns belts to)
 * @param externalRef the reference the clinic enrolled them with
 */
public record Wearer(String id, String externalRef) {
}
