package io.spinestream.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.spinestream.e2e.client.Http;
import io.spinestream.e2e.platform.PlatformExtension;
import io.spinestream.e2e.platform.PlatformUnderTest;

/**
 * Every operation that takes a body, of every service (from their OpenAPI documents), sent malformed bodies by a
 * caller it admits (docs/security.md, "Malformed input and fuzzing"): over the size limit, empty, malformed JSON
 * (truncated, trailing content, not UTF-8, a key twice), deeply nested, each field of the access table's valid
 * body in each JSON type it is not, and the wrong Content-Type. Every answer is a 4xx problem, naming the field
 * where one was replaced, never a 5xx; and what the operation would have changed reads the same afterwards.
 * Unknown fields are ignored: the valid body with one added gets the operation's success.
 *
 * <p>An operation with a body and no row in {@link AccessTable} (which holds its valid body) fails the suite.
 */
@Order(4)
@ExtendWith(PlatformExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MalformedBodyIT {

    private static final int SHOWN_BODY = 300;
    private static final int RATE_LIMITED_TRIES = 30;

    private static PlatformUnderTest platform;
    private static AccessFixture fixture;
    private static final Map<Service, JsonNode> documents = new LinkedHashMap<>();

    @BeforeAll
    static void givenClinicAWithOneOfEverything(PlatformUnderTest started) throws InterruptedException {
        platform = started;
        fixture = AccessFixture.create(started);
        for (Service service : Service.values()) {
            documents.put(service, OpenApiOperations.document(started, service));
        }
    }

    @Test
    @Order(1)
    void givenTheLiveOpenApiDocuments_whenTheirOperationsWithABodyAreListed_thenEachHasARowWithAValidBody() {
        Set<String> withBody = new TreeSet<>();
        documents.forEach((service, document) -> document.path("paths").fields().forEachRemaining(path ->
                path.getValue().fields().forEachRemaining(method -> {
                    if (method.getValue().has("requestBody") && !path.getKey().startsWith("/q/")) {
                        withBody.add(service + " " + method.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
                    }
                })));
        Set<String> rows = new TreeSet<>();
        AccessTable.operations().forEach(op -> rows.add(op.key()));
        Set<String> missing = new TreeSet<>(withBody);
        missing.removeAll(rows);

        assertThat(withBody).as("operations with a body").isNotEmpty();
        assertThat(missing).as("operations with a body and no row in AccessTable (its valid body is what is mutated here)")
                .isEmpty();
        assertThat(bodyOperations()).extracting(Operation::key).containsExactlyInAnyOrderElementsOf(withBody);
    }

    @TestFactory
    @Order(2)
    Stream<DynamicNode> givenEveryOperationWithABody_whenSentMalformedBodiesByAnAdmittedCaller_thenEachIsA4xxProblemAndNothingChanges() {
        return bodyOperations().stream().map(op -> {
            MalformedBodies.Body schema = MalformedBodies.Body.of(documents.get(op.service), op);
            Request valid = op.request(fixture, false);
            Map<String, List<MalformedBodies.Variant>> byCategory = new LinkedHashMap<>();
            MalformedBodies.of(valid.body(), valid.contentType(), schema)
                    .forEach(v -> byCategory.computeIfAbsent(v.category(), c -> new ArrayList<>()).add(v));
            List<DynamicNode> tests = new ArrayList<>();
            byCategory.forEach((category, variants) -> tests.add(DynamicTest.dynamicTest(
                    category + " (" + variants.size() + " bodies) → 4xx problem, nothing changed",
                    () -> refuseAll(op, variants))));
            tests.add(DynamicTest.dynamicTest("an unknown field → ignored: " + op.success(), () -> {
                Request admitted = op.request(fixture, true);
                Http.Reply reply = send(op, admitted.pathAndQuery(), credential(op), admitted.accept(), admitted.contentType(),
                        MalformedBodies.withUnknownField(admitted.body()));
                assertThat(reply.status()).as("%s with an unknown field: %s", op, shorten(reply.body())).isEqualTo(op.success());
            }));
            return DynamicContainer.dynamicContainer(op.key(), tests);
        });
    }

    @Test
    @Order(3)
    void givenEveryRefusedUpload_whenTheBeltSendsItsOwnBatchesOfThoseSeqs_thenNothingOfTheRefusedOnesWasKept() {
        assertThat(fixture.refusedUploadsKept())
                .as("what the malformed uploads left in clinic A's archive (null: nothing)").isNull();
    }

    @Test
    @Order(4)
    void givenAllThoseBodies_whenTheServicesAreAskedAfterwards_thenEachIsStillReady() {
        for (Service service : Service.values()) {
            assertThat(platform.http().get(service.baseUrl(platform) + "/q/health/ready", null).status())
                    .as("readiness of %s", service).isEqualTo(200);
        }
    }

    /** The table's rows whose admitted request has a body. */
    private static List<Operation> bodyOperations() {
        return AccessTable.operations().stream().filter(op -> {
            JsonNode operation = documents.get(op.service).path("paths").path(op.template)
                    .path(op.method.toLowerCase(java.util.Locale.ROOT));
            return operation.has("requestBody");
        }).toList();
    }

    /**
     * Sends every variant (the refused request of the row: the shared target, which must stay as it was) and
     * collects what was wrong, then compares what the operation would change with before.
     */
    private static void refuseAll(Operation op, List<MalformedBodies.Variant> variants) {
        Request request = op.request(fixture, false);
        String before = request.state() == null ? null : request.state().get();
        List<String> wrong = new ArrayList<>();
        for (MalformedBodies.Variant variant : variants) {
            Http.Reply reply = send(op, request.pathAndQuery(), credential(op), request.accept(), variant.contentType(),
                    variant.body());
            String deviation = deviation(variant, reply);
            if (deviation != null) {
                wrong.add(variant.name() + ": " + deviation + " — " + reply.status() + " "
                        + reply.headers().firstValue("Content-Type").orElse("") + " " + shorten(reply.body()));
            }
        }
        if (request.state() != null) {
            String after = request.state().get();
            if (!after.equals(before)) {
                wrong.add("the refused bodies changed what the operation changes:\n    before: " + shorten(before)
                        + "\n    after:  " + shorten(after));
            }
        }
        assertThat(wrong).as("%s: bodies answered wrongly", op).isEmpty();
    }

    private static String deviation(MalformedBodies.Variant variant, Http.Reply reply) {
        if (!variant.statuses().contains(reply.status())) {
            return "expected " + variant.statuses();
        }
        if (!reply.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            return "not application/problem+json";
        }
        JsonNode problem;
        try {
            problem = Request.JSON.readTree(reply.body());
        } catch (java.io.IOException e) {
            return "a problem that is no JSON";
        }
        if (problem.path("status").asInt() != reply.status()) {
            return "the problem's status is " + problem.path("status");
        }
        if (variant.field() != null) {
            for (JsonNode v : problem.path("violations")) {
                if (v.path("field").asText().equals(variant.field()) && !v.path("rule").asText().isBlank()) {
                    return null;
                }
            }
            return "no violation names " + variant.field() + " with a rule";
        }
        return null;
    }

    /** The request as sent by the operation's first admitted caller of clinic A; a 429 is waited out as a client would. */
    private static Http.Reply send(Operation op, String pathAndQuery, String credential, String accept, String contentType,
                                   byte[] body) {
        String url = op.service.baseUrl(platform) + pathAndQuery;
        Http.Reply[] reply = new Http.Reply[1];
        Awaitility.await(op + " not rate-limited").atMost(Duration.ofSeconds(RATE_LIMITED_TRIES)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    reply[0] = platform.http().send(op.method, url, credential, accept, contentType, body);
                    return reply[0].status() != 429;
                });
        return reply[0];
    }

    private static String credential(Operation op) {
        Role role = op.roles().iterator().next();
        return role == Role.OWN_BELT ? fixture.uploader.credential() : fixture.tokenOfA(role);
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String one = text.replaceAll("\\s+", " ");
        return one.length() <= SHOWN_BODY ? one : one.substring(0, SHOWN_BODY) + "…";
    }
}
