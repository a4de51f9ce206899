package io.spinestream.ingest.downlink;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.spinestream.ingest.support.Batches;
import io.spinestream.ingest.support.CommandTopic;
import io.spinestream.ingest.support.SseClient;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.spinestream.ingest.support.FleetApi.asBelt;
import static io.spinestream.ingest.support.FleetApi.provision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first moments of an instance: its command consumer is still joining its group when the
 * application starts serving. A command published then must not be lost.
 */
@QuarkusTest
@TestProfile(DownlinkStartupTest.FreshStart.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class DownlinkStartupTest {

    /** An application start of its own, so that this test runs right after it. */
    public static class FreshStart implements QuarkusTestProfile {
    }

    private static final String CLINIC = "clinic-startup";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void givenServiceJustStarted_whenCommandsArePublishedBeforeTheBeltConnects_thenItsStreamGetsEachOnceWithinItsLifetime() {
        String credential = provision(CLINIC, "DL-START-1");
        try (CommandTopic commands = new CommandTopic(bootstrapServers)) {
            // Given a command published as soon as the service answers: its consumer may not have its partitions yet
            commands.publishLive("cmd-start-1", "DL-START-1", CLINIC);
            // and one once it reports ready (ready: commands will reach belts)
            await().atMost(WAIT).untilAsserted(() -> given().when().get("/q/health/ready").then().statusCode(200));
            commands.publishLive("cmd-start-2", "DL-START-1", CLINIC);

            // When the belt connects, both arrive, in order
            try (SseClient stream = openStream("DL-START-1", credential)) {
                assertThat(List.of(stream.nextEvent(WAIT).id(), stream.nextEvent(WAIT).id()))
                        .containsExactly("cmd-start-1", "cmd-start-2");
            }

            // Then neither again: not with the next upload, not on a new stream
            assertThat(asBelt(credential).contentType("application/json").body(Batches.json("DL-START-1", 1))
                    .when().post("/v1/telemetry").then().statusCode(200).extract().jsonPath().getList("commands"))
                    .isEmpty();
            try (SseClient stream = openStream("DL-START-1", credential)) {
                commands.publishLive("cmd-start-marker", "DL-START-1", CLINIC);
                assertThat(stream.nextEvent(WAIT).id()).isEqualTo("cmd-start-marker");
            }
        }
    }

    private static SseClient openStream(String beltId, String credential) {
        SseClient stream = SseClient.open("/v1/belts/" + beltId + "/commands", "Bearer " + credential);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.next(WAIT).comment()).isEqualTo("connected");
        return stream;
    }
}
