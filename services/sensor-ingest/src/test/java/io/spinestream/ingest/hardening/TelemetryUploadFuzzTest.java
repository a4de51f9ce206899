package io.spinestream.ingest.hardening;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.events.telemetry.JsonBatchMutator;
import io.spinestream.events.telemetry.ProtobufBatchMutator;
import io.spinestream.ingest.support.Batches;
import io.spinestream.ingest.support.FleetApi;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The telemetry upload under fuzzing, over real HTTP on real Kafka and PostgreSQL: hundreds of random and mutated
 * bodies of both encodings (libs/events' fuzz inputs) from belts of their own, each answered 2xx or 4xx (a 4xx as
 * problem+json), never a 5xx or no answer; the service is still ready afterwards and takes a valid batch.
 * Reproducible: {@code -Dspinestream.fuzz.seed}; {@code -Dspinestream.fuzz.http-inputs} per encoding.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class TelemetryUploadFuzzTest {

    private static final String CLINIC = "clinic-fuzz";
    private static final long SEED = Long.getLong("spinestream.fuzz.seed", 20261121L);
    private static final int INPUTS = Integer.getInteger("spinestream.fuzz.http-inputs", 200);
    /** Fewer uploads per belt than its burst (40), so that the rate limit answers none of them. */
    private static final int UPLOADS_PER_BELT = 30;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TestHTTPResource("/v1/telemetry")
    URL telemetry;

    @Test
    void givenHundredsOfMutatedJsonAndProtobufUploads_whenSent_thenOnly2xxOr4xxProblemsAndTheServiceStaysReady()
            throws Exception {
        List<String> failures = new ArrayList<>();
        TreeMap<Integer, Integer> statuses = new TreeMap<>();
        fuzz("application/json", JsonBatchMutator::next, 0, failures, statuses);
        fuzz("application/x-protobuf", ProtobufBatchMutator::next, INPUTS, failures, statuses);
        System.out.printf("[fuzz] telemetry upload, seed %d: answers by status %s%n", SEED, statuses);

        assertThat(failures).as("uploads answered wrongly (reproduce with -Dspinestream.fuzz.seed=%d)", SEED).isEmpty();
        assertThat(statuses.keySet()).as("a run that reaches both the refusals and the acceptance").contains(200, 400);
        given().when().get("/q/health/ready").then().statusCode(200);
        String credential = FleetApi.provision(CLINIC, "SB-FUZZ-AFTER");
        assertThat(upload(credential, "application/json", Batches.json("SB-FUZZ-AFTER", 1).getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(200);
    }

    private void fuzz(String contentType, Function<Random, JsonBatchMutator.Input> inputs, int first, List<String> failures,
                      TreeMap<Integer, Integer> statuses) throws Exception {
        String beltId = null;
        String credential = null;
        for (int i = first; i < first + INPUTS; i++) {
            if ((i - first) % UPLOADS_PER_BELT == 0) {
                beltId = "SB-FUZZ-" + i;
                credential = FleetApi.provision(CLINIC, beltId);
            }
            JsonBatchMutator.Input input = inputs.apply(new Random(SEED * 31 + i));
            // a batch of the generator's own belt would only be refused as someone else's: speak for this belt
            byte[] body = ownBelt(input.bytes(), beltId, contentType);
            HttpResponse<String> answer;
            try {
                answer = upload(credential, contentType, body);
            } catch (java.io.IOException e) {
                failures.add("input #" + i + " (" + input.description() + "): no answer: " + e);
                continue;
            }
            statuses.merge(answer.statusCode(), 1, Integer::sum);
            String type = answer.headers().firstValue("Content-Type").orElse("");
            if (answer.statusCode() >= 500 || answer.statusCode() < 200 || answer.statusCode() >= 300 && answer.statusCode() < 400) {
                failures.add("input #" + i + " (" + input.description() + "): " + answer.statusCode() + " " + answer.body());
            } else if (answer.statusCode() >= 400 && !type.startsWith("application/problem+json")) {
                failures.add("input #" + i + " (" + input.description() + "): " + answer.statusCode() + " as '" + type + "'");
            }
        }
    }

    /** The body with the generator's belt id (when it is readable) replaced by {@code beltId}. */
    private static byte[] ownBelt(byte[] body, String beltId, String contentType) {
        if (contentType.endsWith("protobuf")) {
            try {
                var batch = io.spinestream.events.telemetry.proto.TelemetryBatch.parseFrom(body);
                return batch.getBeltId().isEmpty() ? body : batch.toBuilder().setBeltId(beltId).build().toByteArray();
            } catch (com.google.protobuf.InvalidProtocolBufferException unreadable) {
                return body;
            }
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return text.contains("\uFFFD") ? body
                : text.replaceFirst("\"beltId\"(\\s*):(\\s*)\"[A-Z0-9-]{3,32}\"", "\"beltId\":\"" + beltId + "\"")
                        .getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> upload(String credential, String contentType, byte[] body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(telemetry.toString())).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + credential).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
