package io.spinestream.ingest.hardening;

import static io.spinestream.ingest.support.FleetApi.admin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.ingest.support.Batches;
import io.spinestream.ingest.support.FleetApi;
import io.spinestream.platform.auth.Roles;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import io.spinestream.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bodies no client should send, over real HTTP, to the registry API and the telemetry upload: every one is
 * answered 4xx with problem+json naming the field and the rule, none leaves a belt behind, and a body over
 * the limit gets its 413 rather than a reset connection (docs/security.md, "Malformed input and fuzzing").
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class MalformedRequestTest {

    private static final String CLINIC = "clinic-malformed";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TestHTTPResource("/")
    URL base;

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("{\"id\":\"SB-MAL-%s\",\"model\":5}", "model", "type"),
                Arguments.of("{\"id\":\"SB-MAL-%s\",\"model\":true}", "model", "type"),
                Arguments.of("{\"id\":\"SB-MAL-%s\",\"firmware\":2.3}", "firmware", "type"),
                Arguments.of("{\"id\":\"SB-MAL-%s\",\"model\":[\"SB2\"]}", "model", "type"),
                Arguments.of("{\"id\":\"SB-MAL-%s\",\"model\":{\"name\":\"SB2\"}}", "model", "type"),
                Arguments.of("{\"id\":\"SB-MAL-%s\",\"model\":\"SB\\u0000\"}", "model", "format"),
                Arguments.of("{\"id\":\"SB-MAL-%s\",\"model\":\"SB\\ud800\"}", "model", "format"),
                Arguments.of("{\"id\":\"SB-MAL-%s\",\"model\":\"SB2\",\"model\":\"SB3\"}", "$", "syntax"),
                Arguments.of("{\"id\":\"SB-MAL-%s\",\"model\":\"SB2\"} trailing", "$", "syntax"),
                Arguments.of("{\"id\":\"SB-MAL-%s\",\"model\":\"SB2\"", "$", "syntax"),
                Arguments.of("{\"id\":\"SB-MAL-%s\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}", "$", "syntax"),
                Arguments.of("[\"SB-MAL-%s\"]", "$", "type"));
    }

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void givenABeltBodyWithAWrongTypeOrMalformedJson_whenProvisioned_then400NamingTheFieldAndNoBelt(String body,
            String field, String rule) throws Exception {
        String id = Long.toString(System.nanoTime() % 1_000_000_000L);

        HttpResponse<String> answer = send(post("/v1/belts", "application/json", body.formatted(id).getBytes(StandardCharsets.UTF_8)));

        assertProblem(answer, 400);
        assertThat(JSON.readTree(answer.body()).path("violations")).anySatisfy(v -> {
            assertThat(v.path("field").asText()).isEqualTo(field);
            assertThat(v.path("rule").asText()).isEqualTo(rule);
        });
        admin(CLINIC).when().get("/v1/belts/SB-MAL-" + id).then().statusCode(404);
    }

    @Test
    void givenAValidBeltBodyInUtf16_whenProvisioned_then400AndNoBelt() throws Exception {
        byte[] utf16 = "{\"id\":\"SB-MAL-UTF16\"}".getBytes(StandardCharsets.UTF_16LE);

        assertProblem(send(post("/v1/belts", "application/json", utf16)), 400);
        admin(CLINIC).when().get("/v1/belts/SB-MAL-UTF16").then().statusCode(404);
    }

    @Test
    void givenAnEmptyBody_whenProvisioned_then400() throws Exception {
        assertProblem(send(post("/v1/belts", "application/json", new byte[0])), 400);
    }

    @Test
    void givenAnUnknownField_whenProvisioned_thenIgnoredAndTheBeltProvisioned() throws Exception {
        HttpResponse<String> answer = send(post("/v1/belts", "application/json",
                "{\"id\":\"SB-MAL-EXT\",\"model\":\"SB2\",\"clinicId\":\"another\",\"x-new\":{\"a\":[1]}}".getBytes(StandardCharsets.UTF_8)));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(JSON.readTree(answer.body()).path("belt").path("clinicId").asText()).isEqualTo(CLINIC);
    }

    @Test
    void givenAWrongContentType_whenProvisioned_then415ProblemAndNoBelt() throws Exception {
        assertProblem(send(post("/v1/belts", "text/plain", "{\"id\":\"SB-MAL-TEXT\"}".getBytes(StandardCharsets.UTF_8))), 415);
        admin(CLINIC).when().get("/v1/belts/SB-MAL-TEXT").then().statusCode(404);
    }

    @Test
    void givenABodyWithoutAContentType_whenProvisioned_then415ProblemAndNoBelt() throws Exception {
        HttpRequest noType = request("/v1/belts").POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"SB-MAL-NOTYPE\"}")).build();

        assertProblem(send(noType), 415);
        admin(CLINIC).when().get("/v1/belts/SB-MAL-NOTYPE").then().statusCode(404);
    }

    @Test
    void givenABodyOverTheServiceLimit_whenProvisioned_then413ProblemReadByTheClient() throws Exception {
        byte[] huge = ("{\"id\":\"SB-MAL-HUGE\",\"model\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        assertProblem(send(post("/v1/belts", "application/json", huge)), 413);
        admin(CLINIC).when().get("/v1/belts/SB-MAL-HUGE").then().statusCode(404);
    }

    @Test
    void givenAChunkedBodyOverTheServiceLimit_whenProvisioned_then413() throws Exception {
        byte[] huge = ("{\"id\":\"SB-MAL-CHUNK\",\"model\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = request("/v1/belts").header("Content-Type", "application/json")
                .POST(unknownLength(huge)).build();

        HttpResponse<String> answer = send(chunked);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        admin(CLINIC).when().get("/v1/belts/SB-MAL-CHUNK").then().statusCode(404);
    }

    @Test
    void givenATelemetryBodyOverItsLimitButUnderTheServices_whenUploaded_then413Problem() throws Exception {
        String credential = FleetApi.provision(CLINIC, "SB-MAL-TEL");
        byte[] body = Batches.json("SB-MAL-TEL", 1, java.util.Map.of("firmware", "\"" + "x".repeat(1_500_000) + "\""))
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = send(request("/v1/telemetry", "Bearer " + credential)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertProblem(answer, 413);
    }

    @Test
    void givenAHugeHeaderOrUrl_whenSent_thenRefusedWithAnAnswerNotAReset() throws Exception {
        HttpResponse<String> header = send(request("/v1/belts").header("X-Padding", "x".repeat(64 * 1024)).GET().build());
        HttpResponse<String> url = send(request("/v1/belts?firmware=" + "x".repeat(64 * 1024)).GET().build());

        assertThat(header.statusCode()).isEqualTo(431);
        assertThat(url.statusCode()).isEqualTo(414);
        admin(CLINIC).when().get("/v1/belts").then().statusCode(200); // and the service goes on
    }

    private HttpRequest.Builder request(String path) {
        return request(path, TestTokens.bearer(Roles.CLINIC_ADMIN, CLINIC));
    }

    private HttpRequest.Builder request(String path, String authorization) {
        return HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization).header("Accept", "application/json");
    }

    private HttpRequest post(String path, String contentType, byte[] body) {
        return request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> answer, int status) throws IOException {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
    }

    /** The body without a Content-Length: sent chunked. */
    private static HttpRequest.BodyPublisher unknownLength(byte[] body) {
        HttpRequest.BodyPublisher known = HttpRequest.BodyPublishers.ofByteArray(body);
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                known.subscribe(subscriber);
            }
        };
    }
}
