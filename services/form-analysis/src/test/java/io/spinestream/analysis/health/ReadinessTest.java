package io.spinestream.analysis.health;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.MongoResource;
import io.spinestream.testing.ReadinessContract;

import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "streams-state", value = "true"))
@WithTestResource(MongoResource.class)
class ReadinessTest extends ReadinessContract {

    @Override
    protected List<String> requiredChecks() {
        return List.of("Kafka broker", "Kafka Streams", "MongoDB");
    }

    @Test
    void givenRunningService_whenLivenessQueried_thenItCoversKafkaStreams() {
        RestAssured.given().when().get("/q/health/live")
                .then().statusCode(200).body("checks.name", hasItem("Kafka Streams state"));
    }
}
