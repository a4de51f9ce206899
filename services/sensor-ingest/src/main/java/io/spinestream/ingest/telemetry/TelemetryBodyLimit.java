package io.spinestream.ingest.telemetry;

import io.spinestream.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses an oversized telemetry upload by its {@code Content-Length}, before the body is read.
 * A body without a length (chunked) is checked after reading, by {@link TelemetryIngestor}.
 */
@ApplicationScoped // a proxy, so that the runtime config is injected on first use, not at static init
public class TelemetryBodyLimit {

    @Inject
    TelemetryConfig config;

    @ServerRequestFilter
    public void refuseOversized(ContainerRequestContext request) {
        if (HttpMethod.POST.equals(request.getMethod())
                && isTelemetryPath(request.getUriInfo().getPath())
                && request.getLength() > config.maxBodySize().asLongValue()) {
            throw tooLarge(config);
        }
    }

    private static boolean isTelemetryPath(String path) {
        return TelemetryResource.PATH.equals(path.startsWith("/") ? path : "/" + path);
    }

    static ProblemException tooLarge(TelemetryConfig config) {
        return ProblemException.payloadTooLarge("a telemetry batch may be at most "
                + config.maxBodySize().asLongValue() + " bytes");
    }
}
