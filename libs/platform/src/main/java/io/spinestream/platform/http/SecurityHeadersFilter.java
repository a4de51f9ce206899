package io.spinestream.platform.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Puts {@link SecurityHeaders} on every response of the service, set the moment its headers are
 * written, so that they are there whoever answers: an endpoint, a mapper, the CORS filter, the
 * router's 404, {@code /q/*}, or the start of an event stream.
 */
@ApplicationScoped
public class SecurityHeadersFilter {

    /** Ahead of every Quarkus filter (CORS 300, authentication 200), so even their refusals carry them. */
    static final int PRIORITY = 10_000;

    private final SecurityHeaders headers;

    @Inject
    public SecurityHeadersFilter(HttpHardeningConfig config) {
        this.headers = SecurityHeaders.of(config.hsts());
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext context) {
        context.addHeadersEndHandler(ended -> headers.applyTo(context.response().headers(), context.normalizedPath()));
        context.next();
    }
}
