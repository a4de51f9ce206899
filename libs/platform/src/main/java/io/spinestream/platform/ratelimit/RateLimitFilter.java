package io.spinestream.platform.ratelimit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.spinestream.platform.problem.Problem;
import io.spinestream.platform.problem.ProblemMappers;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Applies {@link CallerRateLimiter} to every HTTP request of the service, whatever answers it (an
 * API endpoint, a refusal, {@code /q/*}), before the request is dispatched. It runs after
 * authentication has been set up for the request (priority 200) and resolves the caller itself, so
 * a token is counted on an endpoint its role may not call as much as on one it may.
 */
@ApplicationScoped
public class RateLimitFilter {

    /** Below Quarkus' authentication (200) and HTTP permission (100) filters, which set up the caller. */
    static final int PRIORITY = 50;

    private final CallerRateLimiter limiter;
    private final RateLimitConfig config;
    private final ObjectMapper json;
    private final Map<CallerRateLimiter.Kind, Counter> throttled = new EnumMap<>(CallerRateLimiter.Kind.class);

    @Inject
    public RateLimitFilter(CallerRateLimiter limiter, RateLimitConfig config, ObjectMapper json, MeterRegistry meters) {
        this.limiter = limiter;
        this.config = config;
        this.json = json;
        for (CallerRateLimiter.Kind kind : CallerRateLimiter.Kind.values()) {
            throttled.put(kind, Counter.builder("spinestream.http.throttled")
                    .description("Requests answered 429 because their caller was over its rate limit")
                    .tag("caller", kind.name().toLowerCase(Locale.ROOT))
                    .register(meters));
        }
    }

    void register(@Observes Filters filters) {
        if (config.enabled()) {
            filters.register(this::handle, PRIORITY);
        }
    }

    void handle(RoutingContext context) {
        Uni<SecurityIdentity> caller = QuarkusHttpUser.getSecurityIdentity(context, null);
        // Resolving the caller here must not answer a refused credential here: with lazy authentication the
        // first to resolve it would run the default failure handler, which ends the response without the
        // problem+json the API's mappers give. It is set aside while we look and put back after; the failure
        // itself stays with the request, and whoever needs the caller next meets it as before.
        BiConsumer<RoutingContext, Throwable> failureHandler = context.get(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
        context.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, (BiConsumer<RoutingContext, Throwable>) (c, e) -> {
        });
        caller.subscribe().with(identity -> {
            restore(context, failureHandler);
            Optional<CallerRateLimiter.Throttled> over = limiter.tryAcquire(identity);
            if (over.isEmpty()) {
                context.next();
            } else {
                tooManyRequests(context, over.get());
            }
        }, failure -> {
            restore(context, failureHandler);
            context.next();
        });
    }

    private static void restore(RoutingContext context, BiConsumer<RoutingContext, Throwable> failureHandler) {
        if (failureHandler == null) {
            context.remove(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
        } else {
            context.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, failureHandler);
        }
    }

    private void tooManyRequests(RoutingContext context, CallerRateLimiter.Throttled over) {
        throttled.get(over.kind()).increment();
        if (context.response().ended()) {
            return;
        }
        Problem problem = new Problem("about:blank", "Too Many Requests", 429, over.detail(),
                context.normalizedPath(), List.of());
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem record is always serializable", e);
        }
        context.response().setStatusCode(429)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.RETRY_AFTER, Long.toString(ProblemMappers.retryAfterSeconds(over.retryAfter())))
                .end(body);
    }
}
