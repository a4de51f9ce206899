package io.spinestream.e2e.security;

import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One valid request of an operation, as a client of it would send it.
 *
 * @param pathAndQuery the concrete path (parameters filled in) and query
 * @param accept       what the client asks for ({@code text/event-stream}: a stream, opened and hung up)
 * @param contentType  of the body; null without one
 * @param body         null without one
 * @param state        for an operation that changes something: a read (by an allowed caller of clinic A) of what
 *                     it would change, equal before and after a refused call; null where there is no cheap read
 */
record Request(String pathAndQuery, String accept, String contentType, byte[] body, Supplier<String> state) {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String EVENT_STREAM = "text/event-stream";

    static Request get(String pathAndQuery) {
        return new Request(pathAndQuery, "application/json", null, null, null);
    }

    static Request json(String pathAndQuery, Object body) {
        return new Request(pathAndQuery, "application/json", "application/json", write(body), null);
    }

    static Request empty(String pathAndQuery) {
        return new Request(pathAndQuery, "application/json", null, null, null);
    }

    static Request eventStream(String pathAndQuery) {
        return new Request(pathAndQuery, EVENT_STREAM, null, null, null);
    }

    Request accept(String mediaType) {
        return new Request(pathAndQuery, mediaType, contentType, body, state);
    }

    Request body(String mediaType, byte[] raw) {
        return new Request(pathAndQuery, accept, mediaType, raw, state);
    }

    /** This request, with the read that shows whether it changed anything. */
    Request changes(Supplier<String> read) {
        return new Request(pathAndQuery, accept, contentType, body, read);
    }

    boolean isEventStream() {
        return EVENT_STREAM.equals(accept);
    }

    private static byte[] write(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable: " + body, e);
        }
    }
}
