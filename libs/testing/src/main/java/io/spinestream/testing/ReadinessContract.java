package io.spinestream.testing;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service's readiness must prove: it is UP on real infrastructure, and it covers the
 * broker and the service's database by name. A service test extends this and names its checks.
 */
public abstract class ReadinessContract {

    /** Substrings of the health check names that must be present and UP (e.g. "Kafka", "PostgreSQL"). */
    protected abstract List<String> requiredChecks();

    @Test
    void givenRealInfrastructure_whenReadinessQueried_thenUpAndCoveringKafkaAndDatabase() {
        JsonPath health = RestAssured.given().when().get("/q/health/ready")
                .then().statusCode(200).extract().jsonPath();

        assertThat(health.getString("status")).isEqualTo("UP");
        List<String> names = health.getList("checks.name", String.class);
        for (String required : requiredChecks()) {
            assertThat(names).as("readiness checks").anySatisfy(n -> assertThat(n).containsIgnoringCase(required));
        }
        assertThat(health.getList("checks.status", String.class)).containsOnly("UP");
    }

    @Test
    void givenRunningService_whenLivenessQueried_thenUp() {
        RestAssured.given().when().get("/q/health/live").then().statusCode(200);
    }
}
