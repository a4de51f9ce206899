package io.spinestream.testing;

import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness must go DOWN when the broker goes away, so that a load balancer stops sending traffic
 * that could not be published. A service test extends this with its own (isolated) broker:
 * {@code @WithTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "purpose", value = "outage"))}.
 */
public abstract class BrokerOutageContract {

    @InjectKafkaBroker
    protected KafkaBroker broker;

    @Test
    void givenBrokerStopped_whenReadinessQueried_thenDown() {
        // Given a ready service (a stream processor may still be starting right after boot)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                RestAssured.given().when().get("/q/health/ready").then().statusCode(200));
        assertThat(broker.controllable())
                .as("outage test needs a broker it started itself (not " + InfrastructureMode.KAFKA_ENV + ")")
                .isTrue();

        broker.stop();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                RestAssured.given().when().get("/q/health/ready").then().statusCode(503));
        // Liveness stays UP: a broker outage is no reason to restart the service.
        RestAssured.given().when().get("/q/health/live").then().statusCode(200);
    }
}
