package io.spinestream.ingest.status;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventDeserializer;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.payload.BeltStatus;
import io.spinestream.events.topic.Topics;
import io.spinestream.ingest.support.Batches;
import io.spinestream.ingest.support.Db;
import io.spinestream.ingest.support.TopicProbe;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.spinestream.ingest.support.FleetApi.admin;
import static io.spinestream.ingest.support.FleetApi.asBelt;
import static io.spinestream.ingest.support.FleetApi.provision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BeltStatusTest {

    private static final String CLINIC = "clinic-status";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    BeltStatusFlusher flusher;

    @Inject
    AgroalDataSource dataSource;

    TopicProbe<Event<?>> statusTopic;

    @BeforeAll
    void openProbe() {
        statusTopic = new TopicProbe<>(bootstrapServers, Topics.BELT_STATUS.name(), new EventDeserializer());
    }

    @AfterAll
    void closeProbe() {
        statusTopic.close();
    }

    @Test
    void givenUploads_whenStatusFlushed_thenRegistryAndBeltStatusTopicShowTheLatestAndUploadsAloneWroteNothing() {
        String credential = provision(CLINIC, "STA-1");
        statusTopic.drain();
        upload(credential, "STA-1", 3, Map.of("battery", "0.7", "firmware", "\"2.3.1\""));
        upload(credential, "STA-1", 5, Map.of("battery", "0.5", "firmware", "\"2.4.0\""));
        // A late batch: the battery it carries is the latest reading; the firmware it lacks is not.
        upload(credential, "STA-1", 4, nullOf("firmware", "battery", "0.6"));

        admin(CLINIC).when().get("/v1/belts/STA-1").then()
                .body("lastSeenAt", nullValue())
                .body("lastSeq", nullValue());

        assertThat(flush()).isGreaterThanOrEqualTo(1);

        admin(CLINIC).when().get("/v1/belts/STA-1").then()
                .body("lastSeenAt", notNullValue())
                .body("lastSeq", equalTo(5))
                .body("battery", equalTo(0.6f))
                .body("firmware", equalTo("2.4.0"));
        List<Event<?>> events = statusTopic.drain("STA-1");
        assertThat(events).hasSize(1);
        Event<?> event = events.get(0);
        assertThat(event.type()).isEqualTo(EventType.BELT_STATUS);
        assertThat(event.id()).isEqualTo(EventIds.of(EventType.BELT_STATUS, "STA-1", "5"));
        assertThat(event.subject()).isEqualTo("STA-1");
        assertThat(event.clinicId()).isEqualTo(CLINIC);
        BeltStatus status = event.dataAs(BeltStatus.class);
        assertThat(status.lastSeq()).isEqualTo(5);
        assertThat(status.battery().floatValue()).isEqualTo(0.6f);
        assertThat(status.firmware()).isEqualTo("2.4.0");
        assertThat(status.lastSeenAt()).isNotNull();
    }

    @Test
    void givenNewerStatusWrittenByAnotherInstance_whenThisInstanceFlushesOlderReadings_thenTheNewerStays() {
        String credential = provision(CLINIC, "STA-2");
        upload(credential, "STA-2", 3, Map.of("battery", "0.2"));
        Instant otherInstanceSawIt = Instant.now().plus(Duration.ofMinutes(1)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        new Db(dataSource).update("UPDATE belt SET last_seen_at = ?, battery = 0.9, last_seq = 100 WHERE id = 'STA-2'",
                otherInstanceSawIt.atOffset(java.time.ZoneOffset.UTC));

        flush();

        String lastSeenAt = admin(CLINIC).when().get("/v1/belts/STA-2").then()
                .body("lastSeq", equalTo(100))
                .body("battery", equalTo(0.9f))
                .extract().path("lastSeenAt");
        assertThat(Instant.parse(lastSeenAt)).isEqualTo(otherInstanceSawIt);
    }

    @Test
    void givenOnlyAResentBatch_whenFlushed_thenLastSeenMovesButSeqAndBatteryDoNot() {
        String credential = provision(CLINIC, "STA-3");
        upload(credential, "STA-3", 8, Map.of("battery", "0.8"));
        flush();
        String firstSeen = admin(CLINIC).when().get("/v1/belts/STA-3").then().extract().path("lastSeenAt");

        upload(credential, "STA-3", 8, Map.of("battery", "0.1"));
        flush();

        admin(CLINIC).when().get("/v1/belts/STA-3").then()
                .body("lastSeq", equalTo(8))
                .body("battery", equalTo(0.8f));
        String secondSeen = admin(CLINIC).when().get("/v1/belts/STA-3").then().extract().path("lastSeenAt");
        assertThat(Instant.parse(secondSeen)).isAfterOrEqualTo(Instant.parse(firstSeen));
    }

    private int flush() {
        return flusher.flush().await().atMost(Duration.ofSeconds(30));
    }

    private static void upload(String credential, String beltId, long seq, Map<String, String> fields) {
        asBelt(credential).contentType("application/json").body(Batches.json(beltId, seq, fields))
                .when().post("/v1/telemetry").then().statusCode(200);
    }

    private static Map<String, String> nullOf(String field, String otherField, String otherValue) {
        Map<String, String> fields = new java.util.HashMap<>(Collections.singletonMap(field, null));
        fields.put(otherField, otherValue);
        return fields;
    }
}
