package io.spinestream.e2e.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A haptic command as the belt received it (ingest.md, "Downlink").
 *
 * @param via {@code stream} (Server-Sent Events) or {@code upload} (the answer to an upload)
 */
public record Command(String commandId, String pattern, int intensityPercent, String code, String alertId,
                      String issuedAt, String expiresAt, String via) {

    static Command of(JsonNode json, String via) {
        return new Command(json.path("commandId").asText(null), json.path("pattern").asText(null),
                json.path("intensityPercent").asInt(), json.path("code").asText(null),
                json.path("alertId").asText(null), json.path("issuedAt").asText(null),
                json.path("expiresAt").asText(null), via);
    }
}
