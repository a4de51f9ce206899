package io.spinestream.simulator.provision;

import com.fasterxml.jackson.databind.JsonNode;

/** An API answered something other than what was needed; the message names the request and the problem. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final JsonNode body;

    public ApiException(String message, int status, JsonNode body) {
        super(message);
        this.status = status;
        this.body = body;
    }

    /** The HTTP status, 0 when nothing answered. */
    public int status() {
        return status;
    }

    /** The problem+json body, if any. */
    public JsonNode body() {
        return body;
    }

    /** Whether a violation names {@code field} (problem+json {@code violations}). */
    public boolean names(String field) {
        if (body == null) {
            return false;
        }
        for (JsonNode v : body.path("violations")) {
            String f = v.path("field").asText("");
            if (f.equals(field) || f.endsWith("." + field)) {
                return true;
            }
        }
        return false;
    }
}
