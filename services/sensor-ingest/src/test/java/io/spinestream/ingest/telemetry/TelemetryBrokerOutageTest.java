package io.spinestream.ingest.telemetry;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.spinestream.events.telemetry.IngestedBatchDeserializer;
import io.spinestream.events.telemetry.proto.IngestedBatch;
import io.spinestream.events.topic.Topics;
import io.spinestream.ingest.support.Batches;
import io.spinestream.ingest.support.Db;
import io.spinestream.ingest.support.TopicProbe;
import io.quarkus.test.common.ResourceArg;
import io.spinestream.testing.InjectKafkaBroker;
import io.spinestream.testing.KafkaBroker;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.spinestream.ingest.support.FleetApi.asBelt;
import static io.spinestream.ingest.support.FleetApi.provision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Its own broker, stopped and started again: the rest of the suite keeps a broker that stays up. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "purpose", value = "broker-restart"))
@WithTestResource(PostgresResource.class)
class TelemetryBrokerOutageTest {

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void givenBrokerStopped_whenBeltUploads_then503WithRetryAfterAndOnceBackTheRetryIsStoredExactlyOnce() {
        String credential = provision("clinic-outage", "OUT-1");
        try (TopicProbe<IngestedBatch> telemetry = new TopicProbe<>(broker.bootstrapServers(),
                Topics.TELEMETRY.name(), new IngestedBatchDeserializer())) {
            upload(credential, 1).then().statusCode(200);

            broker.pauseBroker();
            upload(credential, 2).then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("status", equalTo(503));
            assertThat(new Db(dataSource).value("SELECT count(*) FROM ingested_batch WHERE belt_id = 'OUT-1' AND seq = 2"))
                    .as("the refused batch left no claim behind").isEqualTo(0L);

            broker.resumeBroker();
            // The belt retries as told until the producer has reconnected.
            AtomicReference<Response> accepted = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                Response retry = upload(credential, 2);
                assertThat(retry.statusCode()).isEqualTo(200);
                accepted.set(retry);
            });
            upload(credential, 2).then().statusCode(200)
                    .body("receivedAt", equalTo(accepted.get().path("receivedAt")));

            List<IngestedBatch> stored = telemetry.drain("OUT-1");
            assertThat(stored).extracting(b -> b.getBatch().getSeq()).containsExactly(1L, 2L);
        }
    }

    private static Response upload(String credential, long seq) {
        return asBelt(credential).contentType("application/json").body(Batches.json("OUT-1", seq))
                .when().post("/v1/telemetry");
    }
}
