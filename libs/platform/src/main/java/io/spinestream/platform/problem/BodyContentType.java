package io.spinestream.platform.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request body without a {@code Content-Type} answers 415: Quarkus would otherwise read it as whatever the
 * endpoint consumes, so a body of unknown form (a mistake, or text that happens to parse) would be taken.
 */
public class BodyContentType {

    @ServerRequestFilter(preMatching = true)
    public void requireContentType(ContainerRequestContext request) {
        if (request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null && hasBody(request)) {
            throw new ProblemException(415, "Unsupported Media Type",
                    "a request body needs a Content-Type (e.g. application/json)", List.of(), null);
        }
    }

    private static boolean hasBody(ContainerRequestContext request) {
        return request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null;
    }
}
