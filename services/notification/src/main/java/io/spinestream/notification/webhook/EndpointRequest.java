package io.spinestream.notification.webhook;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * An endpoint as a client creates or replaces it.
 *
 * @param url        where to POST; https (http only where configuration allows), a public address
 * @param eventTypes the types to receive (see {@code GET /v1/webhooks/event-types}); empty or absent = all
 * @param enabled    absent = enabled; re-enabling clears the reason it was disabled
 * @param digest     batch the form faults of a session into one delivery; absent = no digest
 */
public record EndpointRequest(
        @NotBlank @Size(max = 2048) String url,
        @Size(max = 500) String description,
        @Size(max = 20) List<@NotBlank @Size(max = 128) String> eventTypes,
        Boolean enabled,
        @Valid DigestSettings digest) {
}
