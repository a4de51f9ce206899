package io.spinestream.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body declared larger than {@code quarkus.http.limits.max-body-size} answers 413 as problem+json, like every
 * other error. Vert.x would answer first, with an empty plain 413, and close the connection while the client is
 * still sending, which many clients see as a connection reset rather than an answer. So the oversized body is
 * read and dropped (up to {@link #DRAINED_AT_MOST}) before the answer, which then surely reaches the client; only
 * a body larger still, or one the client waits for a {@code 100 Continue} to send, is answered at once.
 * A body without a declared length (chunked) is counted while Quarkus reads it, which answers its own 413.
 */
@ApplicationScoped
public class RequestSizeLimit {

    /** Beyond this a client is not worth listening to: answered at once, connection closed. */
    static final long DRAINED_AT_MOST = 64L * 1024 * 1024;
    /** Before Quarkus' own check of the declared length (order -2). */
    static final int ORDER = -3;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        maxBodySize.ifPresent(limit -> router.route().order(ORDER).handler(context -> refuseOversized(context,
                limit.asLongValue())));
    }

    void refuseOversized(RoutingContext context, long limit) {
        HttpServerRequest request = context.request();
        long declared = declaredLength(request);
        if (declared <= limit) {
            context.next();
            return;
        }
        Buffer answer = problem(request.path(), declared, limit);
        Runnable respond = () -> {
            if (!context.response().ended()) {
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(answer);
            }
        };
        if (declared > DRAINED_AT_MOST || request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)
                || request.isEnded()) {
            respond.run();
            return;
        }
        request.handler(dropped -> { });
        request.exceptionHandler(failure -> respond.run());
        request.endHandler(end -> respond.run());
        request.resume();
    }

    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // the HTTP codec refuses a malformed length itself
        }
    }

    private Buffer problem(String path, long declared, long limit) {
        String detail = "the request body (" + declared + " bytes) is larger than the " + limit + " bytes this service takes";
        try {
            return Buffer.buffer(json.writeValueAsBytes(new Problem("about:blank", "Payload Too Large", 413, detail, path,
                    List.of())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem is always serialisable", e);
        }
    }
}
