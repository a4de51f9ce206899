package io.spinestream.platform.problem;

import io.spinestream.events.encoding.Utf8;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A JSON request body must be UTF-8 (RFC 8259). Jackson would read a UTF-16 or UTF-32 body it guessed from its
 * first bytes, and overlong forms or encoded surrogates inside strings; this refuses them (400, rule
 * {@code syntax}) before the body is bound. Bodies read as raw bytes (telemetry) check themselves.
 */
@Provider
public class Utf8JsonBodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || context.getType() == byte[].class || !isJson(type)) {
            return context.proceed();
        }
        // the body is already limited by quarkus.http.limits.max-body-size
        byte[] body;
        try (InputStream in = context.getInputStream()) {
            body = in.readAllBytes();
        }
        String problem = Utf8.problem(body);
        if (problem != null) {
            String message = "the body must be JSON in UTF-8: " + problem;
            throw ProblemException.badRequest(message, List.of(new Problem.FieldViolation("$", "syntax", message)));
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    private static boolean isJson(MediaType type) {
        return "application".equals(type.getType())
                && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
    }
}
