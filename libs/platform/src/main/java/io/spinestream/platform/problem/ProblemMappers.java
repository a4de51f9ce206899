package io.spinestream.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every failure into {@code application/problem+json}. Details of unexpected failures are
 * logged (without request bodies, which may hold health data) and never sent to the client.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder builder = respond(e.status(), e.title(), e.getMessage(), uri, e.violations());
        if (e.retryAfter() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(e.retryAfter()));
        }
        if (e.status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return builder.build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return respond(401, "Unauthorized", "a valid bearer token is required", uri, List.of())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, "Forbidden", "the caller's role does not allow this", uri, List.of()).build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldViolation> violations = e.getConstraintViolations().stream()
                .map(ProblemMappers::toViolation)
                .sorted(java.util.Comparator.comparing(Problem.FieldViolation::field))
                .toList();
        return respond(400, "Bad Request", "the request breaks " + violations.size() + " rule(s)", uri, violations)
                .build();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m ? path(m) : "";
        String rule;
        String message;
        if (e.getCause() instanceof InputCoercionException || e instanceof InputCoercionException) {
            rule = "range";
            message = "number out of the range of its type";
        } else if (e instanceof InvalidFormatException invalid && invalid.getValue() instanceof String) {
            rule = "format";
            message = "value not in the form " + expected(invalid.getTargetType()) + " takes";
        } else if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            rule = "type";
            message = "must be " + expected(mismatched.getTargetType());
        } else if (e instanceof JsonMappingException) {
            rule = "type";
            message = "value of the wrong type or shape";
        } else {
            rule = "syntax";
            message = "body is not well-formed JSON";
        }
        return respond(400, "Bad Request", message, uri,
                List.of(new Problem.FieldViolation(field.isEmpty() ? "$" : field, rule, message))).build();
    }

    /** The JSON a Java type is read from, in a client's words. */
    static String expected(Class<?> type) {
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == java.math.BigInteger.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == java.time.Duration.class) {
            return "an ISO 8601 duration string (e.g. PT1H)";
        }
        if (type.getPackageName().equals("java.time")) {
            return "an RFC 3339 date-time string (e.g. 2026-11-20T10:15:30Z)";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    /**
     * A body of the wrong shape (an array where an object belongs, text where a number belongs).
     * Quarkus maps this exception itself, more specifically than {@link JsonProcessingException},
     * and would answer plain JSON; this mapper outranks it.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        // The JSON reader wraps syntax errors; answer them like every other unreadable body.
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "request failed with %d", status);
        }
        Response.ResponseBuilder builder = respond(status, Response.Status.fromStatusCode(status) == null
                ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase(),
                status >= 500 ? "the server could not complete the request" : e.getMessage(), uri, List.of());
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return respond(500, "Internal Server Error", "the server could not complete the request", uri, List.of())
                .build();
    }

    /** {@code Retry-After} in whole seconds, rounded up: a client waiting that long finds room. */
    public static long retryAfterSeconds(java.time.Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    static Response.ResponseBuilder respond(int status, String title, String detail, UriInfo uri,
                                            List<Problem.FieldViolation> violations) {
        Problem problem = new Problem("about:blank", title, status, detail, uri == null ? null : uri.getPath(),
                violations);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
    }

    private static Problem.FieldViolation toViolation(ConstraintViolation<?> v) {
        // Drop the method and parameter prefix (create.request.name -> name).
        // a constraint on a list's elements ends in ".<list element>": the element itself is the field
        String path = v.getPropertyPath().toString().replaceAll("\\.<[^>]*>", "");
        String[] parts = path.split("\\.");
        String field = parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
                : parts[parts.length - 1];
        String rule = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return new Problem.FieldViolation(field, rule, v.getMessage());
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
