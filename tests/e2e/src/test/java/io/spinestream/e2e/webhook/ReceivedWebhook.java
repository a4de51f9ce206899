package io.spinestream.e2e.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One request the receiver got, as it arrived: headers, the raw body and whether its signature
 * verified with the endpoint's secret.
 */
public record ReceivedWebhook(String endpoint, String webhookId, String webhookTimestamp, String webhookSignature,
                              String contentType, byte[] body, boolean verified, Instant receivedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The parsed body ({@code type}, {@code timestamp}, {@code data}). */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("webhook body is not JSON: " + new String(body, StandardCharsets.UTF_8), e);
        }
    }

    public String type() {
        return json().path("type").asText(null);
    }

    public JsonNode data() {
        return json().path("data");
    }

    @Override
    public String toString() {
        return webhookId + " " + new String(body, StandardCharsets.UTF_8) + (verified ? "" : " (signature NOT verified)");
    }
}
