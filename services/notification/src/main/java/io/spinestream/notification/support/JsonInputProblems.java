package io.spinestream.notification.support;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.spinestream.platform.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A body of the wrong shape (an array where an object belongs, text where a list belongs) as
 * problem+json. Quarkus maps {@link MismatchedInputException} itself, with a more specific mapper
 * than the platform's for JSON errors in general, which would answer plain JSON.
 */
public class JsonInputProblems {

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String message = "value of the wrong type or shape";
        Problem problem = new Problem("about:blank", "Bad Request", 400, message, uri == null ? null : uri.getPath(),
                List.of(new Problem.FieldViolation(field.isEmpty() ? "$" : field, "type", message)));
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
